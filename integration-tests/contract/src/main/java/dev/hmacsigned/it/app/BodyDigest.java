package dev.hmacsigned.it.app;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What the {@code digest} endpoints answer: so that nothing large travels back. */
public final class BodyDigest {
  private BodyDigest() {}

  /**
   * Reads a body to its end.
   *
   * @param body the body
   * @return its length and lowercase hex SHA-256, separated by a space
   * @throws IOException if the body cannot be read
   */
  public static String of(InputStream body) throws IOException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java SE runtime", e);
    }
    byte[] buffer = new byte[64 * 1024];
    long length = 0;
    for (int n; (n = body.read(buffer)) >= 0; ) {
      sha256.update(buffer, 0, n);
      length += n;
    }
    return length + " " + HexFormat.of().formatHex(sha256.digest());
  }
}
