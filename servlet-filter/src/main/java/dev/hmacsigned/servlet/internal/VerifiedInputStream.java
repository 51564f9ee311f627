package dev.hmacsigned.servlet.internal;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The verified body as a {@link ServletInputStream}. Every byte is already on the server, so the
 * stream is always ready; a {@link ReadListener} gets {@code onDataAvailable} and then {@code
 * onAllDataRead} on a container thread ({@link AsyncContext#start(Runnable)}), as it would from the
 * container's own stream.
 */
final class VerifiedInputStream extends ServletInputStream {
  private final InputStream in;
  private final long size;
  private final ServletRequest request;
  private long position;
  private boolean endOfStream;
  private @Nullable ReadListener listener;
  private boolean allDataReadSent;
  private boolean delivering;

  VerifiedInputStream(InputStream in, long size, ServletRequest request) {
    this.in = in;
    this.size = size;
    this.request = request;
    this.endOfStream = size == 0;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b < 0) {
      reachedEnd();
    } else {
      position++;
      if (position >= size) {
        reachedEnd();
      }
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (length == 0) {
      return 0;
    }
    int n = in.read(buffer, offset, length);
    if (n < 0) {
      reachedEnd();
    } else {
      position += n;
      if (position >= size) {
        reachedEnd();
      }
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = in.skip(n);
    if (skipped > 0) {
      position += skipped;
      if (position >= size) {
        reachedEnd();
      }
    }
    return skipped;
  }

  @Override
  public int available() {
    return (int) Math.min(Math.max(size - position, 0), Integer.MAX_VALUE);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  @Override
  public synchronized boolean isFinished() {
    return endOfStream;
  }

  @Override
  public boolean isReady() {
    return true;
  }

  @Override
  public void setReadListener(ReadListener readListener) {
    Objects.requireNonNull(readListener, "readListener");
    synchronized (this) {
      if (listener != null) {
        throw new IllegalStateException("A ReadListener is already set on this request.");
      }
      if (!request.isAsyncStarted()) {
        throw new IllegalStateException(
            "setReadListener needs an asynchronous request: call startAsync() first.");
      }
      listener = readListener;
    }
    request.getAsyncContext().start(this::deliver);
  }

  /** Runs on a container thread: the data is all there, so tell the listener at once. */
  private void deliver() {
    ReadListener l;
    boolean finished;
    synchronized (this) {
      l = Objects.requireNonNull(listener, "listener"); // started by setReadListener
      finished = endOfStream;
      delivering = true;
    }
    try {
      if (!finished) {
        l.onDataAvailable();
      }
      // A listener that read to the end inside onDataAvailable gets onAllDataRead now; one that
      // stopped early gets it when a later read reaches the end.
      synchronized (this) {
        delivering = false;
        finished = endOfStream && !allDataReadSent;
        allDataReadSent |= finished;
      }
      if (finished) {
        l.onAllDataRead();
      }
    } catch (Throwable t) {
      synchronized (this) {
        delivering = false;
      }
      l.onError(t);
    }
  }

  private void reachedEnd() {
    ReadListener l;
    synchronized (this) {
      endOfStream = true;
      if (listener == null || delivering || allDataReadSent) {
        return;
      }
      allDataReadSent = true;
      l = listener;
    }
    try {
      l.onAllDataRead();
    } catch (IOException | RuntimeException e) {
      l.onError(e);
    }
  }

  @Override
  public String toString() {
    return "VerifiedInputStream[size=" + size + ", position=" + position + "]";
  }
}
