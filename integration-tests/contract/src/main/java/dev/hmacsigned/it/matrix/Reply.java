package dev.hmacsigned.it.matrix;

import java.util.Locale;
import java.util.Map;

/**
 * What a client got back, or why it got nothing.
 *
 * @param status the status, or -1 when no response arrived
 * @param headers the response headers, lowercase names, repeated ones joined with {@code ", "}
 * @param body the response body
 * @param protocol the HTTP version that answered where the client tells it ({@code HTTP/1.1},
 *     {@code HTTP/2}), else {@code null}
 * @param error why no response arrived (no secret in it), else {@code null}
 */
public record Reply(
    int status, Map<String, String> headers, byte[] body, String protocol, String error) {

  /** Copies the headers. */
  public Reply {
    headers = Map.copyOf(headers);
  }

  /**
   * A client that got no response.
   *
   * @param error what happened
   * @return the reply
   */
  public static Reply failed(String error) {
    return new Reply(-1, Map.of(), new byte[0], null, error);
  }

  /**
   * A response header.
   *
   * @param name any case
   * @return the value, or {@code null}
   */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }
}
