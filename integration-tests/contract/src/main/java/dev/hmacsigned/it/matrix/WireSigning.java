package dev.hmacsigned.it.matrix;

import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.SignedHeaders;
import dev.hmacsigned.it.ContractKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs requests with the project's own {@link HmacSigner}, for the clients that are not JAX-RS
 * clients (JDK {@code HttpClient}, curl, raw sockets): the headers it covers by default, {@code
 * host} and {@code content-type}, with {@code Host} as the client will send it.
 */
final class WireSigning {
  private static final Map<String, HmacSigner> SIGNERS = new ConcurrentHashMap<>();

  private WireSigning() {}

  static HmacSigner signer(ContractKeys.Key key) {
    return SIGNERS.computeIfAbsent(key.id(), id -> HmacSigner.builder(key.hmacKey()).build());
  }

  /**
   * The header lines to send: {@code Host} (the target's authority unless the request sets one),
   * the request's own headers, {@code Authorization} and, for a body, {@code Content-Digest}.
   */
  static List<Map.Entry<String, String>> signedHeaders(
      MatrixRequest request, Target target, ContractKeys.Key key) {
    List<Map.Entry<String, String>> lines = new ArrayList<>();
    if (request.header("Host") == null) {
      lines.add(Map.entry("Host", target.authority()));
    }
    lines.addAll(request.headers());
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : lines) {
      byName.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue());
    }
    SignedHeaders signed =
        signer(key)
            .sign(
                request.method(),
                request.rawPath(target.echoBase()),
                request.query(),
                byName,
                request.body());
    lines.add(Map.entry("Authorization", signed.authorization()));
    signed.contentDigestHeader().ifPresent(d -> lines.add(Map.entry("Content-Digest", d)));
    return lines;
  }
}
