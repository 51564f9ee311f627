package dev.hmacsigned.it.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the echo endpoints ({@link EchoResource}, {@link EchoServlet}) answer about a request: the
 * method the application saw, and the length and SHA-256 of the body bytes it read. The
 * compatibility matrix compares them with what the client sent, so that a verified request is
 * proven to reach the application byte for byte.
 *
 * @param method the HTTP method the application saw
 * @param length the number of body bytes the application read
 * @param sha256 lowercase hex SHA-256 of those bytes
 */
public record EchoReply(String method, long length, String sha256) {
  /** Response header: lowercase hex SHA-256 of the body the application read. */
  public static final String BODY_SHA256 = "X-Body-Sha256";

  /** Response header: the method the application saw. */
  public static final String METHOD = "X-Method";

  /** Response header: the name of the verified principal. */
  public static final String PRINCIPAL = "X-Principal";

  /** The media type of the JSON body. */
  public static final String JSON = "application/json";

  /**
   * Reads a body to its end.
   *
   * @param method the method of the request
   * @param body the body as the application reads it
   * @return the reply
   * @throws IOException if the body cannot be read
   */
  public static EchoReply read(String method, InputStream body) throws IOException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java SE runtime", e);
    }
    long length = 0;
    if (body != null) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = body.read(buffer)) >= 0; ) {
        sha256.update(buffer, 0, n);
        length += n;
      }
    }
    return new EchoReply(method, length, HexFormat.of().formatHex(sha256.digest()));
  }

  /**
   * The body of the answer: {@code {"method":"...","length":N,"sha256":"..."}}. The method is a
   * token (RFC 9110), so it needs no JSON escaping.
   *
   * @return the JSON, UTF-8
   */
  public byte[] json() {
    return ("{\"method\":\""
            + method
            + "\",\"length\":"
            + length
            + ",\"sha256\":\""
            + sha256
            + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
