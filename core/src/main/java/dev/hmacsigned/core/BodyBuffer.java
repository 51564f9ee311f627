package dev.hmacsigned.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads a body once: hashes every byte as it arrives, keeps it in memory up to a threshold, spills
 * to a temporary file above it, and never reads more than one byte past the limit.
 */
final class BodyBuffer {
  private static final int CHUNK = 16 * 1024;
  private static final byte[] RELEASED = new byte[0];

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
    byte[] memory = new byte[(int) Math.min(CHUNK, Math.max(limit, 0) + 1)];
    int memoryLength = 0;
    Path file = null;
    OutputStream out = null;
    long total = 0;
    byte[] chunk = new byte[CHUNK];
    try {
      while (true) {
        // Ask for at most limit + 1 - total bytes: enough to notice an overflow, never more.
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
        if (out == null && memoryLength + n <= memoryThreshold) {
          if (memoryLength + n > memory.length) {
            memory =
                Arrays.copyOf(
                    memory,
                    Math.min(memoryThreshold, Math.max(memory.length * 2, memoryLength + n)));
          }
          System.arraycopy(chunk, 0, memory, memoryLength, n);
          memoryLength += n;
        } else {
          // Reading the request may fail (the client went away); writing the file is the server's
          // own storage, and its failures are told apart.
          try {
            if (out == null) {
              file = createTempFile(tempDirectory);
              out = Files.newOutputStream(file);
              out.write(memory, 0, memoryLength);
              memory = RELEASED; // the file holds the body from now on
            }
            out.write(chunk, 0, n);
          } catch (IOException e) {
            throw new StorageException(e);
          }
        }
      }
      if (out == null) {
        return VerifiedBody.inMemory(memory, memoryLength);
      }
      try {
        out.close(); // a full disk may show only now, when the last bytes are flushed
      } catch (IOException e) {
        throw new StorageException(e);
      } finally {
        out = null;
      }
      Path done = Objects.requireNonNull(file, "file"); // created with out
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
