package dev.hmacsigned.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads a body once: hashes every byte as it arrives, keeps it in memory up to a threshold, spills
 * to a temporary file above it, and never reads more than one byte past the limit.
 */
final class BodyBuffer {
  /**
   * The most asked of one read: the bytes are hashed right after they arrive, while they are still
   * in the processor's cache; and once a body is spilled, the size of each write to its file (a
   * system call each, so not too small).
   */
  private static final int CHUNK = 64 * 1024;

  /** The first in-memory array when the request announces no length. */
  private static final int FIRST_ARRAY = 8 * 1024;

  /** The body is longer than the limit; nothing more than limit + 1 bytes was read. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException() {
      super("body over the limit");
    }
  }

  /**
   * The body could not be written to its temporary file: the directory is missing or not writable,
   * or the file system is full. A fault of the server, not of the request.
   */
  static final class StorageException extends IOException {
    private static final long serialVersionUID = 1L;

    StorageException(IOException cause) {
      super("the body could not be written to a temporary file", cause);
    }
  }

  private BodyBuffer() {}

  static VerifiedBody read(
      InputStream in,
      MessageDigest digest,
      long limit,
      int memoryThreshold,
      @Nullable Path tempDirectory)
      throws IOException {
    return read(in, digest, limit, memoryThreshold, tempDirectory, -1);
  }

  /**
   * Reads a body.
   *
   * @param expectedLength the length the request announces ({@code Content-Length}), or -1: only
   *     the size of the first in-memory array, so that a body of that length is read into an array
   *     of exactly its size and never copied; a body of another length is read all the same
   */
  static VerifiedBody read(
      InputStream in,
      MessageDigest digest,
      long limit,
      int memoryThreshold,
      @Nullable Path tempDirectory,
      long expectedLength)
      throws IOException {
    long most = Math.min(memoryThreshold, Math.max(limit, 0)); // what memory may ever hold
    byte[] memory =
        new byte[(int) Math.min(most, expectedLength >= 0 ? expectedLength : FIRST_ARRAY)];
    int memoryLength = 0;
    long total = 0;
    // In memory: read straight into the array, which grows up to the threshold.
    while (true) {
      if (memoryLength == memory.length) {
        // Full: one byte tells the end from more (a body of exactly the array's size is not
        // copied), and the limit allows at most one byte past it.
        int b = in.read();
        if (b < 0) {
          return VerifiedBody.inMemory(memory, memoryLength);
        }
        if (++total > limit) {
          throw new TooLargeException();
        }
        digest.update((byte) b);
        if (memory.length < most) {
          memory = Arrays.copyOf(memory, (int) Math.min(most, Math.max(2L * memory.length, 64)));
          memory[memoryLength++] = (byte) b;
          continue;
        }
        return spill(in, digest, limit, tempDirectory, memory, memoryLength, b, total);
      }
      // Ask for at most limit + 1 - total bytes: enough to notice an overflow, never more.
      int want = (int) Math.min(Math.min(memory.length - memoryLength, CHUNK), limit + 1 - total);
      int n = in.read(memory, memoryLength, want);
      if (n < 0) {
        return VerifiedBody.inMemory(memory, memoryLength);
      }
      total += n;
      if (total > limit) {
        throw new TooLargeException();
      }
      digest.update(memory, memoryLength, n);
      memoryLength += n;
    }
  }

  /**
   * Goes on in a temporary file: what memory holds, the byte after it, then the rest of the body in
   * chunks.
   */
  private static VerifiedBody spill(
      InputStream in,
      MessageDigest digest,
      long limit,
      @Nullable Path tempDirectory,
      byte[] memory,
      int memoryLength,
      int nextByte,
      long total)
      throws IOException {
    Path file = null;
    OutputStream out = null;
    try {
      // Reading the request may fail (the client went away); writing the file is the server's own
      // storage, and its failures are told apart.
      try {
        file = createTempFile(tempDirectory);
        // WRITE alone: the file is new and empty. The default options add TRUNCATE_EXISTING, and
        // on ext4 truncating a file to zero makes close() start writing the whole body to disk
        // (auto_da_alloc), which took a third of a spilled 256 MiB body's time.
        out = Files.newOutputStream(file, StandardOpenOption.WRITE);
        out.write(memory, 0, memoryLength);
        out.write(nextByte);
      } catch (IOException e) {
        throw new StorageException(e);
      }
      byte[] chunk = new byte[CHUNK];
      while (true) {
        int want = (int) Math.min(chunk.length, limit + 1 - total);
        int n = in.read(chunk, 0, want);
        if (n < 0) {
          break;
        }
        total += n;
        if (total > limit) {
          throw new TooLargeException();
        }
        digest.update(chunk, 0, n);
        try {
          out.write(chunk, 0, n);
        } catch (IOException e) {
          throw new StorageException(e);
        }
      }
      try {
        out.close(); // a full disk may show only now, when the last bytes are flushed
      } catch (IOException e) {
        throw new StorageException(e);
      } finally {
        out = null;
      }
      Path done = file;
      file = null;
      return VerifiedBody.inFile(done, total);
    } finally {
      if (out != null) {
        try {
          out.close();
        } catch (IOException ignored) {
          // The file is deleted below anyway.
        }
      }
      if (file != null) {
        VerifiedBody.deleteQuietly(file);
      }
    }
  }

  private static Path createTempFile(@Nullable Path directory) throws IOException {
    Path dir = directory != null ? directory : Path.of(System.getProperty("java.io.tmpdir"));
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return Files.createTempFile(
          dir,
          "hmac-signed-body-",
          ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    return Files.createTempFile(dir, "hmac-signed-body-", ".tmp");
  }
}
