package dev.hmacsigned.it.attack;

import dev.hmacsigned.core.Algorithm;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.it.ContractKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing for the attacks: the library's {@link HmacSigner} at a chosen instant, and, where an
 * attack needs a nonce of its choosing (one nonce on two endpoints), a signature computed here from
 * protocol v1 §3 for requests whose path and query are already in canonical form. The attack
 * corpus's test checks the latter against the library's verifier.
 */
public final class AttackSigning {
  /** The headers every attack covers when present, as the contract's hand-signed requests do. */
  static final List<String> COVERED = List.of("host", "content-type", "x-tenant");

  private static final Pattern CANONICAL_PATH = Pattern.compile("[A-Za-z0-9._~/-]*");
  private static final Pattern CANONICAL_QUERY_PART = Pattern.compile("[A-Za-z0-9._~=-]+");
  private static final Pattern PARAM = Pattern.compile("([A-Za-z]+)=\"([^\"]*)\"");

  private AttackSigning() {}

  /**
   * The library's signer for a key, with its clock fixed at an instant.
   *
   * @param key the key
   * @param at the instant of the timestamp
   * @return the signer, covering {@code host}, {@code content-type} and {@code x-tenant}
   */
  public static HmacSigner signer(ContractKeys.Key key, Instant at) {
    return HmacSigner.builder(key.hmacKey())
        .coveredHeaders(COVERED)
        .clock(InstantSource.fixed(at))
        .build();
  }

  /**
   * Signs a request with a nonce of the caller's choosing: adds {@code Authorization} and, for a
   * body, {@code Content-Digest}, as {@link Wire#signedWith} does.
   *
   * @param wire the request, whose path and query must already be canonical (unreserved characters
   *     and {@code /}; query parts of unreserved characters and {@code =})
   * @param key the key
   * @param timestamp the timestamp
   * @param nonce the nonce
   * @return the request
   * @throws IllegalArgumentException if the path, query or a covered header is not canonical
   */
  public static Wire signWithNonce(Wire wire, ContractKeys.Key key, long timestamp, String nonce) {
    Algorithm algorithm = key.algorithm();
    String path = wire.path();
    if (!CANONICAL_PATH.matcher(path).matches()) {
      throw new IllegalArgumentException("not a canonical path: " + path);
    }
    List<String> parts = new ArrayList<>();
    if (wire.query() != null) {
      for (String part : wire.query().split("&")) {
        if (!part.isEmpty()) {
          if (!CANONICAL_QUERY_PART.matcher(part).matches()) {
            throw new IllegalArgumentException("not a canonical query part: " + part);
          }
          parts.add(part);
        }
      }
    }
    parts.sort(null); // ASCII: byte order and String order agree
    List<String> covered = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (String name : COVERED) {
      List<String> values = new ArrayList<>();
      wire.headersByName()
          .forEach(
              (n, v) -> {
                if (n.equalsIgnoreCase(name)) {
                  v.forEach(value -> values.add(value.strip()));
                }
              });
      if (values.isEmpty()) {
        continue;
      }
      String value = String.join(", ", values);
      if (!value.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
        throw new IllegalArgumentException("not a canonical value of " + name + ": " + value);
      }
      if (name.equals("host")) {
        value = value.toLowerCase(Locale.ROOT);
      } else if (name.equals("content-type")
          && (!value.equals(value.toLowerCase(Locale.ROOT)) || value.contains(";"))) {
        throw new IllegalArgumentException("not a canonical content-type: " + value);
      }
      covered.add(name);
      lines.add(name + ":" + value);
    }
    byte[] body = wire.body();
    byte[] digest = algorithm.newDigest().digest(body);
    String canonical =
        String.join(
            "\n",
            algorithm.scheme(),
            key.id(),
            Long.toString(timestamp),
            nonce,
            wire.method(),
            path.isEmpty() ? "/" : path,
            String.join("&", parts),
            String.join(";", covered));
    StringBuilder text = new StringBuilder(canonical).append('\n');
    for (String line : lines) {
      text.append(line).append('\n');
    }
    text.append(HexFormat.of().formatHex(digest));
    String signature;
    try {
      Mac mac = Mac.getInstance(algorithm.macAlgorithm());
      mac.init(new SecretKeySpec(key.secret(), algorithm.macAlgorithm()));
      signature =
          HexFormat.of().formatHex(mac.doFinal(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    wire.header(
        "Authorization",
        algorithm.scheme()
            + " keyId=\""
            + key.id()
            + "\", timestamp=\""
            + timestamp
            + "\", nonce=\""
            + nonce
            + "\", headers=\""
            + String.join(";", covered)
            + "\", signature=\""
            + signature
            + "\"");
    if (body.length > 0) {
      wire.header(
          "Content-Digest",
          algorithm.contentDigestKey() + "=:" + Base64.getEncoder().encodeToString(digest) + ":");
    }
    return wire;
  }

  /**
   * A fresh nonce: 16 random bytes, base64url without padding.
   *
   * @return the nonce
   */
  static String freshNonce() {
    byte[] bytes = new byte[16];
    new java.security.SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  // ---------------------------------------------------------------- Authorization as text

  /**
   * The parameters of an {@code Authorization} value the library's signer wrote, in order.
   *
   * @param authorization the value
   * @return name to value
   */
  static Map<String, String> parameters(String authorization) {
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(authorization);
    while (m.find()) {
      params.put(m.group(1), m.group(2));
    }
    return params;
  }

  /**
   * The scheme of an {@code Authorization} value: everything before the first space.
   *
   * @param authorization the value
   * @return the scheme
   */
  static String scheme(String authorization) {
    return authorization.substring(0, authorization.indexOf(' '));
  }

  /**
   * Writes an {@code Authorization} value.
   *
   * @param scheme the scheme, as written
   * @param params the parameters, in the order written, quoted
   * @param separator what goes between two parameters
   * @return the value
   */
  static String format(String scheme, Map<String, String> params, String separator) {
    List<String> written = new ArrayList<>();
    params.forEach((n, v) -> written.add(n + "=\"" + v + "\""));
    return scheme + " " + String.join(separator, written);
  }

  /**
   * An {@code Authorization} value with one parameter's value replaced.
   *
   * @param authorization the value
   * @param name the parameter
   * @param value its new value
   * @return the value
   */
  static String withParameter(String authorization, String name, String value) {
    Map<String, String> params = parameters(authorization);
    if (!params.containsKey(name)) {
      throw new IllegalArgumentException("no parameter " + name);
    }
    params.put(name, value);
    return format(scheme(authorization), params, ", ");
  }

  /**
   * Bytes that are not valid in any spelling of a body: a JSON-like text, then every byte value.
   *
   * @param label a label, so that bodies differ
   * @return the bytes
   */
  static byte[] body(String label) {
    byte[] text = ("{\"attack\":\"" + label + "\"}").getBytes(StandardCharsets.UTF_8);
    byte[] all = Arrays.copyOf(text, text.length + 256);
    for (int i = 0; i < 256; i++) {
      all[text.length + i] = (byte) i;
    }
    return all;
  }

  /**
   * The same bytes with one bit of the last byte flipped.
   *
   * @param body the bytes
   * @return a copy, one bit changed
   */
  static byte[] flipped(byte[] body) {
    byte[] copy = body.clone();
    copy[copy.length - 1] ^= 0x01;
    return copy;
  }

  /**
   * A digest in RFC 9530 form.
   *
   * @param body the bytes
   * @param key {@code sha-256} or {@code sha-512}
   * @return {@code key=:base64:}
   */
  static String contentDigest(byte[] body, String key) {
    try {
      MessageDigest md = MessageDigest.getInstance(key.toUpperCase(Locale.ROOT));
      return key + "=:" + Base64.getEncoder().encodeToString(md.digest(body)) + ":";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
