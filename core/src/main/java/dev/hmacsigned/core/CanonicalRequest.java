package dev.hmacsigned.core;

import dev.hmacsigned.core.internal.CanonicalForms;
import dev.hmacsigned.core.internal.HttpText;
import dev.hmacsigned.core.internal.Utf8Builder;
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
    Utf8Builder out = new Utf8Builder(256);
    write(algorithm, keyId, timestamp, nonce, coveredHeaders, request, out);
    out.append(bodyDigestHex);
    return out.toString();
  }

  /**
   * Writes every line of the canonical string but the last (the body digest, which the caller
   * appends), each followed by its line feed, as the UTF-8 bytes the MAC reads.
   *
   * @throws IllegalArgumentException as {@link #of(SignatureParameters, RequestView, String)}
   */
  static void write(
      Algorithm algorithm,
      String keyId,
      long timestamp,
      String nonce,
      List<String> coveredHeaders,
      RequestView request,
      Utf8Builder out) {
    out.append(algorithm.scheme()).appendAscii('\n');
    out.append(keyId).appendAscii('\n');
    out.append(timestamp).appendAscii('\n');
    out.append(nonce).appendAscii('\n');
    out.append(request.method()).appendAscii('\n');
    CanonicalForms.appendPath(request.rawPath(), out);
    out.appendAscii('\n');
    CanonicalForms.appendQuery(request.rawQuery(), out);
    out.appendAscii('\n');
    for (int i = 0; i < coveredHeaders.size(); i++) {
      if (i > 0) {
        out.appendAscii(';');
      }
      out.append(coveredHeaders.get(i));
    }
    out.appendAscii('\n');
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
      out.append(name).appendAscii(':');
      appendCanonicalValue(name, values, out);
      out.appendAscii('\n');
    }
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

  /**
   * The value of a covered header line: each line trimmed, several joined with {@code ", "}, and
   * {@code host} and {@code content-type} in their canonical forms.
   */
  private static void appendCanonicalValue(String name, List<String> values, Utf8Builder out) {
    if (values.size() > 1) {
      StringBuilder joined = new StringBuilder();
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          joined.append(", ");
        }
        joined.append(HttpText.trimOws(values.get(i)));
      }
      appendCanonicalValue(name, joined.toString(), out);
    } else {
      appendCanonicalValue(name, HttpText.trimOws(values.get(0)), out);
    }
  }

  private static void appendCanonicalValue(String name, String value, Utf8Builder out) {
    switch (name) {
      case HOST -> out.appendAsciiLowercase(value, 0, value.length());
      case CONTENT_TYPE -> CanonicalForms.appendContentType(value, out);
      default -> out.append(value);
    }
  }
}
