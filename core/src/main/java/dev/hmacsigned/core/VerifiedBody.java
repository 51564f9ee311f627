package dev.hmacsigned.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * The body of a verified request: exactly the bytes that were hashed, held in memory up to the
 * verifier's threshold and in a temporary file above it.
 *
 * <p>Adapters hand {@link #openStream()} to the application in place of the original body. The
 * temporary file is unlinked as soon as it is opened (on POSIX systems the open stream keeps the
 * data) and otherwise by {@link #close()}, so no file outlives the request.
 */
public final class VerifiedBody implements AutoCloseable {
  private static final VerifiedBody EMPTY = new VerifiedBody(new byte[0], 0);

  private final byte @Nullable [] memory;
  private final int memoryLength;
  private final @Nullable Path file;
  private final long size;
  private @Nullable InputStream opened;
  private boolean closed;

  private VerifiedBody(byte[] memory, int memoryLength) {
    this.memory = memory;
    this.memoryLength = memoryLength;
    this.file = null;
    this.size = memoryLength;
  }

  private VerifiedBody(Path file, long size) {
    this.memory = null;
    this.memoryLength = 0;
    this.file = file;
    this.size = size;
  }

  static VerifiedBody empty() {
    return EMPTY;
  }

  static VerifiedBody inMemory(byte[] bytes, int length) {
    return length == 0 ? EMPTY : new VerifiedBody(bytes, length);
  }

  static VerifiedBody inFile(Path file, long size) {
    return new VerifiedBody(file, size);
  }

  /**
   * The number of bytes.
   *
   * @return the body's length
   */
  public long size() {
    return size;
  }

  /**
   * Tells whether the body was spilled to a temporary file.
   *
   * @return {@code true} above the in-memory threshold
   */
  public boolean isInFile() {
    return file != null;
  }

  /**
   * Opens the body for reading. A body held in memory may be opened any number of times; one held
   * in a file only once, because the file is unlinked when opened.
   *
   * @return the exact bytes that were verified
   * @throws IllegalStateException if a file-backed body is opened twice or after {@link #close()}
   * @throws UncheckedIOException if the temporary file cannot be opened
   */
  public synchronized InputStream openStream() {
    if (file == null) {
      return new ByteArrayInputStream(memory == null ? new byte[0] : memory, 0, memoryLength);
    }
    if (opened != null || closed) {
      throw new IllegalStateException("A body spilled to a file can be opened once.");
    }
    try {
      opened =
          Files.newInputStream(file, StandardOpenOption.READ, StandardOpenOption.DELETE_ON_CLOSE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the verified body's temporary file", e);
    }
    deleteQuietly(file); // POSIX: the name goes now, the open stream keeps the data
    return opened;
  }

  /**
   * Closes the stream if it was opened and deletes the temporary file if there is one. A body held
   * in memory holds nothing to release: it can still be opened after this.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (opened != null) {
      try {
        opened.close();
      } catch (IOException ignored) {
        // Nothing left to release that the delete below does not cover.
      }
    }
    if (file != null) {
      deleteQuietly(file);
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // Windows cannot delete an open file; DELETE_ON_CLOSE removes it when the stream closes.
    }
  }

  @Override
  public String toString() {
    return "VerifiedBody[size=" + size + (file == null ? ", in memory]" : ", in a temporary file]");
  }
}
