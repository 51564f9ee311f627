package dev.hmacsigned.core;

import dev.hmacsigned.core.internal.CanonicalForms;
import dev.hmacsigned.core.internal.HttpText;
import java.util.List;

/**
 * Builds the canonical string of protocol v1, the exact text the MAC is computed over:
 *
 * <pre>
 * scheme
 * keyId
 * timestamp
 * nonce
 * method
 * canonical path       percent-normalized, "/" if empty
 * canonical query      parts percent-normalized, sorted by byte order (empty line if none)
 * headers parameter
 * name:value           one line per covered header; host and content-type in canonical form
 * lowercase hex body digest
 * </pre>
 *
 * <p>Lines are joined by {@code \n}, no trailing newline, and MACed as UTF-8. The canonical forms
 * of path, query, {@code host} and {@code content-type} (Amendment 1) survive what containers do to
 * a request; a request without a {@code Host} header is signed with the authority it was sent to or
 * received on ({@link RequestView#authority()}).
 *
 * <p>Security: the canonical string is what the MAC protects; do not log it.
 */
final class CanonicalRequest {
  private static final String HOST = "host";
  private static final String CONTENT_TYPE = "content-type";

  private CanonicalRequest() {}

  /**
   * Builds the canonical string of a request.
   *
   * @param parameters the signature parameters (their {@code signature} is not used)
   * @param request the request: method, raw path, raw query and covered headers are read
   * @param bodyDigestHex lowercase hex of the body's hash
   * @return the canonical string
   * @throws IllegalArgumentException if a covered header is absent from the request, or has a value
   *     outside visible ASCII, space and tab
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
    out.append(CanonicalForms.path(request.rawPath())).append('\n');
    out.append(CanonicalForms.query(request.rawQuery())).append('\n');
    out.append(String.join(";", coveredHeaders)).append('\n');
    for (String name : coveredHeaders) {
      List<String> values = coveredValues(request, name);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("covered header " + name + " is not on the request");
      }
      if (!isCoverable(values)) {
        throw new IllegalArgumentException(
            "covered header "
                + name
                + " has a character other than visible ASCII, space and tab; it cannot be signed");
      }
      out.append(name).append(':').append(canonicalValue(name, values)).append('\n');
    }
    out.append(bodyDigestHex);
    return out.toString();
  }

  /**
   * The values of a covered header as the canonical string takes them: the request's lines of that
   * header, or for {@code host} on a request that has none, the authority it was sent to or
   * received on. Empty when the header cannot be covered.
   *
   * @param request the request
   * @param name a lowercase header name
   * @return the values, never {@code null}
   */
  static List<String> coveredValues(RequestView request, String name) {
    List<String> values = request.headers(name);
    if (values.isEmpty() && name.equals(HOST)) {
      String authority = request.authority();
      if (authority != null && !authority.isEmpty()) {
        return List.of(authority);
      }
    }
    return values;
  }

  /**
   * Whether every value of a covered header is visible ASCII, space and tab (protocol v1 §3.4).
   *
   * @param values the values of {@link #coveredValues}
   * @return whether the header can be covered
   */
  static boolean isCoverable(List<String> values) {
    for (String value : values) {
      if (!CanonicalForms.isCoverableValue(value)) {
        return false;
      }
    }
    return true;
  }

  private static String canonicalValue(String name, List<String> values) {
    String value;
    if (values.size() == 1) {
      value = HttpText.trimOws(values.get(0));
    } else {
      StringBuilder joined = new StringBuilder();
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          joined.append(", ");
        }
        joined.append(HttpText.trimOws(values.get(i)));
      }
      value = joined.toString();
    }
    return switch (name) {
      case HOST -> CanonicalForms.host(value);
      case CONTENT_TYPE -> CanonicalForms.contentType(value);
      default -> value;
    };
  }
}
