package dev.hmacsigned.core;

import dev.hmacsigned.core.internal.HttpText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the canonical string of protocol v1 §2, the exact text the MAC is computed over:
 *
 * <pre>
 * scheme
 * keyId
 * timestamp
 * nonce
 * method
 * raw path ("/" if empty)
 * query parts sorted by byte order, empty parts dropped (empty line if none)
 * headers parameter
 * name:value            one line per covered header
 * lowercase hex body digest
 * </pre>
 *
 * <p>Lines are joined by {@code \n}, no trailing newline, and MACed as UTF-8.
 *
 * <p>Security: the canonical string is what the MAC protects; do not log it.
 */
public final class CanonicalRequest {
  private static final Comparator<String> BYTE_ORDER =
      (a, b) ->
          Arrays.compareUnsigned(
              a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private CanonicalRequest() {}

  /**
   * Builds the canonical string of a request.
   *
   * @param parameters the signature parameters (their {@code signature} is not used)
   * @param request the request: method, raw path, raw query and covered headers are read
   * @param bodyDigestHex lowercase hex of the body's hash
   * @return the canonical string
   * @throws IllegalArgumentException if a covered header is absent from the request
   */
  public static String of(
      SignatureParameters parameters, RequestView request, String bodyDigestHex) {
    return of(
        parameters.algorithm(),
        parameters.keyId(),
        parameters.timestamp(),
        parameters.nonce(),
        parameters.coveredHeaders(),
        request,
        bodyDigestHex);
  }

  static String of(
      Algorithm algorithm,
      String keyId,
      long timestamp,
      String nonce,
      List<String> coveredHeaders,
      RequestView request,
      String bodyDigestHex) {
    StringBuilder out = new StringBuilder(256);
    out.append(algorithm.scheme()).append('\n');
    out.append(keyId).append('\n');
    out.append(timestamp).append('\n');
    out.append(nonce).append('\n');
    out.append(request.method()).append('\n');
    String path = request.rawPath();
    out.append(path == null || path.isEmpty() ? "/" : path).append('\n');
    out.append(canonicalQuery(request.rawQuery())).append('\n');
    out.append(String.join(";", coveredHeaders)).append('\n');
    for (String name : coveredHeaders) {
      List<String> values = request.headers(name);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("covered header " + name + " is not on the request");
      }
      out.append(name).append(':');
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        out.append(HttpText.trimOws(values.get(i)));
      }
      out.append('\n');
    }
    out.append(bodyDigestHex);
    return out.toString();
  }

  /**
   * The query line: the raw query split on {@code &}, empty parts dropped, sorted by the unsigned
   * byte order of their UTF-8 encoding, joined with {@code &}.
   *
   * @param rawQuery the raw query, or {@code null}
   * @return the line, empty when there is no query
   */
  public static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (String part : rawQuery.split("&")) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    parts.sort(BYTE_ORDER);
    return String.join("&", parts);
  }
}
