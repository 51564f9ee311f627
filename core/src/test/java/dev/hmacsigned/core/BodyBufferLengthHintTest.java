package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The announced length ({@code Content-Length}) only sizes the body's first array: whatever the
 * request announces, the body read, hashed and kept is the one received, and the limit and the
 * threshold hold.
 */
class BodyBufferLengthHintTest {
  @TempDir Path dir;

  @Test
  void read_anyAnnouncedLength_keepsExactlyTheBodyReceived() throws IOException {
    Random random = new Random(14);
    for (int size : new int[] {0, 1, 63, 64, 1024, 5000, 20_000}) {
      byte[] body = new byte[size];
      random.nextBytes(body);
      for (long announced : new long[] {-1, 0, 1, size - 1L, size, size + 1L, 10L * size + 7}) {
        MessageDigest digest = sha256();
        try (VerifiedBody read =
            BodyBuffer.read(stream(body), digest, 1 << 20, 8192, dir, announced)) {
          assertThat(read.size()).as("%d bytes announced as %d", size, announced).isEqualTo(size);
          assertThat(read.isInFile()).isEqualTo(size > 8192);
          try (InputStream in = read.openStream()) {
            assertThat(in.readAllBytes()).isEqualTo(body);
          }
        }
        assertThat(digest.digest()).isEqualTo(sha256().digest(body));
      }
    }
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void read_bodyOverTheLimitAnnouncedAsShorter_isTooLarge() {
    assertThatThrownBy(
            () -> BodyBuffer.read(stream(new byte[101]), sha256(), 100, 1 << 20, dir, 10))
        .isInstanceOf(BodyBuffer.TooLargeException.class);
    assertThatThrownBy(
            () -> BodyBuffer.read(stream(new byte[101]), sha256(), 100, 1 << 20, dir, 1L << 40))
        .isInstanceOf(BodyBuffer.TooLargeException.class);
  }

  private static InputStream stream(byte[] body) {
    return new ByteArrayInputStream(body);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
