package dev.hmacsigned.it.matrix;

import dev.hmacsigned.core.Algorithm;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request of a corpus, as a client is asked to send it: the path and query below a target's
 * echo base, spelled exactly as they go on the wire.
 *
 * @param name a stable name, used in reports and in the allow-lists of container refusals
 * @param summary what the request is about, in a few words
 * @param method the method, uppercase
 * @param path the raw path below the echo base, starting with {@code /}
 * @param query the raw query without {@code ?}, or {@code null} for none
 * @param headers the request's own headers, in order ({@code Host} only where a tamper case sets
 *     it)
 * @param body the exact body bytes, empty for none
 * @param algorithm the algorithm of the key it is signed with
 */
public record MatrixRequest(
    String name,
    String summary,
    String method,
    String path,
    String query,
    List<Map.Entry<String, String>> headers,
    byte[] body,
    Algorithm algorithm) {

  /** Checks the parts. */
  public MatrixRequest {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException(name + ": the path must start with /");
    }
    headers = List.copyOf(headers);
    body = body.clone();
  }

  /**
   * The exact body bytes.
   *
   * @return a copy
   */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /**
   * The raw path the server receives: the echo base's path and this request's path.
   *
   * @param echoBase the target's echo base
   * @return the raw path
   */
  public String rawPath(URI echoBase) {
    return echoBase.getRawPath() + path;
  }

  /**
   * The URL to send, spelled as it goes on the wire.
   *
   * @param echoBase the target's echo base
   * @return the URL
   */
  public String url(URI echoBase) {
    String base = echoBase.toString();
    return base + path + (query == null ? "" : "?" + query);
  }

  /**
   * The request target of the request line: raw path and query.
   *
   * @param echoBase the target's echo base
   * @return path and query
   */
  public String requestTarget(URI echoBase) {
    return rawPath(echoBase) + (query == null ? "" : "?" + query);
  }

  /**
   * A header's first value, looked up case-insensitively.
   *
   * @param name the header
   * @return its value, or {@code null}
   */
  public String header(String name) {
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) {
        return h.getValue();
      }
    }
    return null;
  }

  /**
   * Whether the request has a body.
   *
   * @return true for a non-empty body
   */
  public boolean hasBody() {
    return body.length > 0;
  }

  /**
   * The same request with another name: a tamper case's control.
   *
   * @param newName the name
   * @return the request
   */
  MatrixRequest named(String newName) {
    return new MatrixRequest(newName, summary, method, path, query, headers, body, algorithm);
  }

  @Override
  public String toString() {
    return name
        + " "
        + method.toUpperCase(Locale.ROOT)
        + " "
        + path
        + (query == null ? "" : "?" + query)
        + (body.length > 0 ? " (" + body.length + " bytes)" : "");
  }
}
