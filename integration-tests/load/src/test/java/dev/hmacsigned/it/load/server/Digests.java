package dev.hmacsigned.it.load.server;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The length and SHA-256 of a stream, read in 64 KiB steps, never held whole. */
public final class Digests {
  private Digests() {}

  /**
   * Reads a stream to its end.
   *
   * @param in the stream
   * @return {@code bytes=<n> sha-256=<lowercase hex>}
   * @throws IOException if the stream cannot be read
   */
  public static String of(InputStream in) throws IOException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n; (n = in.read(buffer)) >= 0; ) {
      sha256.update(buffer, 0, n);
      total += n;
    }
    return "bytes=" + total + " sha-256=" + HexFormat.of().formatHex(sha256.digest());
  }
}
