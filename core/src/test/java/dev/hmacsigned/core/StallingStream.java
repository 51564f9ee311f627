package dev.hmacsigned.core;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/**
 * A body that reads nothing at every other call (the first included) until its end, and at most
 * {@code piece} bytes at the others. InputStream's contract rules out reading nothing into a buffer
 * of one byte or more; the readers of a body must still not take it for the end.
 */
final class StallingStream extends InputStream {
  private final ByteArrayInputStream in;
  private final int piece;
  private boolean stall;
  int emptyReads;

  StallingStream(byte[] body, int piece) {
    this.in = new ByteArrayInputStream(body);
    this.piece = piece;
  }

  @Override
  public int read() {
    return in.read();
  }

  @Override
  public int read(byte[] b, int off, int len) {
    stall = !stall;
    if (stall && in.available() > 0) {
      emptyReads++;
      return 0;
    }
    return in.read(b, off, Math.min(len, piece));
  }
}
