package dev.hmacsigned.core;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A framework-neutral view of an HTTP request: what the signer and the verifier need, nothing more.
 * The JAX-RS, servlet and client adapters each implement it over their own request type.
 *
 * <p>Path and query are the raw request target, as the framework exposes it, never decoded: the
 * canonical string percent-normalizes them itself, so that a container that re-encodes them does
 * not break a signature. On a server they come from the raw request URI, so the context path is
 * part of the signed path.
 */
public interface RequestView {

  /**
   * The method as sent, for example {@code POST}.
   *
   * @return the method
   */
  String method();

  /**
   * The raw path of the request target, percent-encoding kept as sent, without the query.
   *
   * @return the path; an empty string is signed as {@code /}
   */
  String rawPath();

  /**
   * The raw query without the {@code ?}, or {@code null} when there is none.
   *
   * @return the query or {@code null}
   */
  @Nullable String rawQuery();

  /**
   * Every value of a header, one element per header line, in the order received.
   *
   * @param name a header name, matched case-insensitively
   * @return the values; empty when the header is absent, never {@code null}
   */
  List<String> headers(String name);

  /**
   * The request body. Called at most once, and only when the body is needed.
   *
   * @return the body, an empty stream when there is none
   * @throws IOException if the body cannot be read
   */
  InputStream body() throws IOException;

  /**
   * The authority ({@code host[:port]}) the request is sent to (client) or was received on
   * (server), used as the {@code host} value when the request has no {@code Host} header: HTTP/2
   * carries it in {@code :authority}, and some servers then show no {@code Host} to the
   * application. A server gives the authority it received (JAX-RS: the request URI's authority;
   * servlet: the server name and, when not the scheme's default, the port).
   *
   * @return the authority, or {@code null} when unknown
   */
  default @Nullable String authority() {
    return null;
  }

  /**
   * The values of a header in a map of header lines whose names may be in any case, for a view over
   * a framework that hands headers over as a map. Every key that matches contributes, in the map's
   * order.
   *
   * @param headers header lines by name; a {@code null} list counts as none
   * @param name a header name, matched case-insensitively
   * @return the values; empty when the header is absent
   */
  static List<String> headerValues(Map<String, ? extends List<String>> headers, String name) {
    List<String> values = null;
    for (Map.Entry<String, ? extends List<String>> entry : headers.entrySet()) {
      if (entry.getValue() != null && entry.getKey().equalsIgnoreCase(name)) {
        if (values == null) {
          values = new ArrayList<>(entry.getValue());
        } else {
          values.addAll(entry.getValue());
        }
      }
    }
    return values == null ? List.of() : values;
  }

  /**
   * The authority an HTTP client sends for a URI, in {@code Host} or {@code :authority}: its host
   * (an IPv6 literal in brackets) and, when the URI names one, {@code :port}.
   *
   * @param uri an absolute URI
   * @return {@code host} or {@code host:port}
   * @throws IllegalArgumentException if the URI has no host
   */
  static String authorityOf(URI uri) {
    String host = uri.getHost();
    if (host == null) {
      throw new IllegalArgumentException(
          "Cannot sign a request to " + uri.getScheme() + ":…: the URI has no host.");
    }
    return uri.getPort() == -1 ? host : host + ":" + uri.getPort();
  }

  /**
   * The caller's address, for the log only.
   *
   * @return an address, or {@code "-"} when unknown
   */
  default String remoteAddress() {
    return "-";
  }

  /**
   * Tells whether the request claims an hmac-signed signature: an {@code Authorization} line of an
   * {@code HMAC-*} scheme, valid or not. For an adapter that lets requests without a signature pass
   * (to be answered by something else) and verifies the others; whether the claim holds is for
   * {@link HmacVerifier#verify} to say.
   *
   * @return {@code true} if some {@code Authorization} line starts with {@code HMAC-}
   */
  default boolean claimsSignature() {
    for (String value : headers("Authorization")) {
      if (SignatureParameters.claimsHmacScheme(value)) {
        return true;
      }
    }
    return false;
  }
}
