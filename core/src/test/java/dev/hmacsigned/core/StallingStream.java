package dev.hmacsigned.core;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/**
 * A body that hands out at most {@code piece} bytes a read, as a network stream does, and reads
 * nothing at every other call (the first included) until its end. InputStream's contract rules out
 * reading nothing into a buffer of one byte or more; the readers of a body must still not take it
 * for the end. {@link #trickling} only hands out pieces.
 */
final class StallingStream extends InputStream {
  private final ByteArrayInputStream in;
  private final int piece;
  private final boolean stalls;
  private boolean stall;
  int emptyReads;

  StallingStream(byte[] body, int piece) {
    this(body, piece, true);
  }

  private StallingStream(byte[] body, int piece, boolean stalls) {
    this.in = new ByteArrayInputStream(body);
    this.piece = piece;
    this.stalls = stalls;
  }

  static StallingStream trickling(byte[] body, int piece) {
    return new StallingStream(body, piece, false);
  }

  @Override
  public int read() {
    return in.read();
  }

  @Override
  public int read(byte[] b, int off, int len) {
    stall = stalls && !stall;
    if (stall && in.available() > 0) {
      emptyReads++;
      return 0;
    }
    return in.read(b, off, Math.min(len, piece));
  }
}
