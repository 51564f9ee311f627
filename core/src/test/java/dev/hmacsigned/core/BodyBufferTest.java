package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The body reader under the verifier: its limit (never more than one byte read past it), the body
 * kept in memory up to the threshold and spilled to an owner-only temporary file above it, and that
 * file's life in {@link VerifiedBody}.
 */
class BodyBufferTest {
  private static final int CHUNK = 16 * 1024; // BodyBuffer's read size

  @TempDir Path dir;

  @Test
  void read_bodyOfExactlyTheLimit_isAcceptedAndOneByteMoreIsNot() throws IOException {
    byte[] body = bytes(10);
    MessageDigest digest = sha256();
    try (VerifiedBody read = BodyBuffer.read(stream(body), digest, 10, 1024, dir)) {
      assertThat(read.size()).isEqualTo(10);
      assertThat(content(read)).isEqualTo(body);
    }
    assertThat(digest.digest()).isEqualTo(sha256().digest(body));

    assertThatThrownBy(() -> BodyBuffer.read(stream(bytes(11)), sha256(), 10, 1024, dir))
        .isInstanceOf(BodyBuffer.TooLargeException.class);
  }

  @Test
  void read_limitZero_acceptsOnlyAnEmptyBody() throws IOException {
    try (VerifiedBody read = BodyBuffer.read(stream(new byte[0]), sha256(), 0, 1024, dir)) {
      assertThat(read.size()).isZero();
      assertThat(content(read)).isEmpty();
    }
    assertThatThrownBy(() -> BodyBuffer.read(stream(bytes(1)), sha256(), 0, 1024, dir))
        .isInstanceOf(BodyBuffer.TooLargeException.class);
  }

  @Test
  void read_bodyOverTheLimit_readsAtMostOneBytePastIt() {
    for (long limit : List.of(5L, (long) CHUNK - 1, (long) CHUNK, CHUNK + 3_000L, 3L * CHUNK)) {
      CountingStream in = new CountingStream(stream(bytes(5 * CHUNK)));
      assertThatThrownBy(() -> BodyBuffer.read(in, sha256(), limit, 1024, dir))
          .isInstanceOf(BodyBuffer.TooLargeException.class);
      assertThat(in.count).as("bytes read with a limit of %d", limit).isEqualTo(limit + 1);
    }
    assertThat(dir).isEmptyDirectory(); // the spilled part is deleted
  }

  @Test
  void read_severalChunksUnderTheThreshold_keepsThemInMemoryExactly() throws IOException {
    byte[] body = bytes(3 * CHUNK + 123);
    for (InputStream in : List.of(stream(body), StallingStream.trickling(body, 1000))) {
      MessageDigest digest = sha256();
      try (VerifiedBody read = BodyBuffer.read(in, digest, 1 << 20, 4 * CHUNK, dir)) {
        assertThat(read.isInFile()).isFalse();
        assertThat(read.size()).isEqualTo(body.length);
        assertThat(content(read)).isEqualTo(body);
        assertThat(content(read)).isEqualTo(body); // in memory: opened any number of times
        assertThat(read.toString()).isEqualTo("VerifiedBody[size=" + body.length + ", in memory]");
      }
      assertThat(digest.digest()).isEqualTo(sha256().digest(body));
      assertThat(dir).isEmptyDirectory();
    }
  }

  @Test
  void close_bodyInMemory_staysReadableAsOftenAsOpened() throws IOException {
    byte[] body = bytes(CHUNK + 3);
    VerifiedBody read = BodyBuffer.read(stream(body), sha256(), 1 << 20, 1 << 20, dir);
    assertThat(read.isInFile()).isFalse();

    read.close(); // the servlet filter closes an in-memory body before an async request reads it

    for (int i = 0; i < 2; i++) {
      try (InputStream in = read.openStream()) {
        assertThat(in.readAllBytes()).isEqualTo(body);
      }
    }
  }

  @Test
  void read_overTheThreshold_spillsToAnOwnerOnlyFileThatOpeningUnlinks() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    byte[] body = bytes(2 * CHUNK + 7);
    MessageDigest digest = sha256();
    try (VerifiedBody read = BodyBuffer.read(stream(body), digest, 1 << 20, 1000, dir)) {
      assertThat(read.isInFile()).isTrue();
      assertThat(read.size()).isEqualTo(body.length);
      assertThat(read.toString())
          .isEqualTo("VerifiedBody[size=" + body.length + ", in a temporary file]");
      List<Path> files = list(dir);
      assertThat(files).hasSize(1);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.get(0))))
          .isEqualTo("rw-------");

      try (InputStream in = read.openStream()) {
        assertThat(dir).isEmptyDirectory(); // unlinked at once; the open stream keeps the data
        assertThat(in.readAllBytes()).isEqualTo(body);
      }
      assertThatThrownBy(read::openStream).isInstanceOf(IllegalStateException.class);
    }
    assertThat(digest.digest()).isEqualTo(sha256().digest(body));
  }

  @Test
  void close_afterOpeningASpilledBody_closesTheStream() throws IOException {
    VerifiedBody read = BodyBuffer.read(stream(bytes(5000)), sha256(), 1 << 20, 100, dir);
    InputStream in = read.openStream();
    assertThat(in.read()).isNotNegative();
    read.close();
    assertThatThrownBy(in::read).isInstanceOf(IOException.class);
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void close_withoutOpeningASpilledBody_deletesTheFile() throws IOException {
    VerifiedBody read = BodyBuffer.read(stream(bytes(5000)), sha256(), 1 << 20, 100, dir);
    assertThat(list(dir)).hasSize(1);
    read.close();
    assertThat(dir).isEmptyDirectory();
    assertThatThrownBy(read::openStream).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void read_bodyOfExactlyTheThreshold_staysInMemoryAndOneByteMoreIsSpilled() throws IOException {
    for (InputStream in :
        List.of(stream(bytes(1000)), StallingStream.trickling(bytes(1000), 300))) {
      try (VerifiedBody read = BodyBuffer.read(in, sha256(), 1 << 20, 1000, dir)) {
        assertThat(read.isInFile()).isFalse();
        assertThat(content(read)).isEqualTo(bytes(1000));
      }
    }
    for (InputStream in :
        List.of(stream(bytes(1001)), StallingStream.trickling(bytes(1001), 300))) {
      try (VerifiedBody read = BodyBuffer.read(in, sha256(), 1 << 20, 1000, dir)) {
        assertThat(read.isInFile()).isTrue();
        assertThat(content(read)).isEqualTo(bytes(1001));
      }
    }
  }

  /** A read of no bytes is not the end of the body (see {@link StallingStream}). */
  @Test
  void read_streamThatSometimesReadsNothing_isReadToItsEnd() throws IOException {
    byte[] body = bytes(2 * CHUNK + 5);
    for (int threshold : new int[] {4 * CHUNK, 100}) {
      MessageDigest digest = sha256();
      StallingStream in = new StallingStream(body, 700);
      try (VerifiedBody read = BodyBuffer.read(in, digest, 1 << 20, threshold, dir)) {
        assertThat(read.isInFile()).isEqualTo(threshold == 100);
        assertThat(content(read)).isEqualTo(body);
      }
      assertThat(in.emptyReads).isPositive();
      assertThat(digest.digest()).isEqualTo(sha256().digest(body));
    }
  }

  /** Linux only: the descriptors of the process name the files they are open on. */
  @Test
  void read_spilledBody_leavesNoDescriptorOpenOnItsFileWhetherItSucceedsOrOverflows()
      throws IOException {
    Path descriptors = Path.of("/proc/self/fd");
    assumeTrue(Files.isDirectory(descriptors));
    VerifiedBody read = BodyBuffer.read(stream(bytes(3 * CHUNK)), sha256(), 1 << 20, 100, dir);
    assertThat(list(dir)).hasSize(1);
    assertThat(openIn(descriptors, dir)).as("descriptors open on the spilled body").isEmpty();
    read.close();

    assertThatThrownBy(() -> BodyBuffer.read(stream(bytes(3 * CHUNK)), sha256(), CHUNK, 100, dir))
        .isInstanceOf(BodyBuffer.TooLargeException.class);
    assertThat(dir).isEmptyDirectory();
    assertThat(openIn(descriptors, dir)).as("descriptors open on the deleted file").isEmpty();
  }

  /** The targets of this process's descriptors that lie in {@code directory}, deleted or not. */
  private static List<String> openIn(Path descriptors, Path directory) throws IOException {
    String prefix = directory.toRealPath() + "/";
    List<String> open = new ArrayList<>();
    for (Path fd : list(descriptors)) {
      try {
        String target = Files.readSymbolicLink(fd).toString();
        if (target.startsWith(prefix)) {
          open.add(target);
        }
      } catch (IOException gone) {
        // The descriptor was closed meanwhile, such as the one that listed the directory.
      }
    }
    return open;
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + (i >>> 8));
    }
    return b;
  }

  private static InputStream stream(byte[] body) {
    return new ByteArrayInputStream(body);
  }

  private static byte[] content(VerifiedBody body) throws IOException {
    try (InputStream in = body.openStream()) {
      return in.readAllBytes();
    }
  }

  private static List<Path> list(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.toList();
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Counts the bytes handed out. */
  private static final class CountingStream extends InputStream {
    private final InputStream in;
    long count;

    CountingStream(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      count += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      count += Math.max(n, 0);
      return n;
    }
  }
}
