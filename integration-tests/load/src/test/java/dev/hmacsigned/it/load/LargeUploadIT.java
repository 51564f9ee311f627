package dev.hmacsigned.it.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.RequestView;
import dev.hmacsigned.core.SignedHeaders;
import dev.hmacsigned.it.load.server.LoadServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14, target 5(b): a signed 1 GiB upload verifies through the servlet filter on Jetty and
 * through Jersey (on Grizzly), each server in a JVM of its own with a 64 MiB heap. The body is
 * pseudo-random bytes made as they are sent; the server's resource reads the verified body as a
 * stream and answers its length and SHA-256, which must be those of what was sent. The library
 * spills the body to a temporary file while it hashes it, so no more of it than a buffer is ever in
 * the heap. Prints one line of figures ({@code UPLOAD}); no time is asserted.
 */
class LargeUploadIT {
  static final long GIB = 1L << 30;

  @ParameterizedTest
  @ValueSource(strings = {"servlet-jetty", "jersey-grizzly"})
  void oneGibUpload_64MiBHeap_verifiedAndReceivedWhole(String target) throws Exception {
    Path work = Path.of(System.getProperty("it.classpath.dir", "target"), "upload-work", target);
    Files.createDirectories(work.resolve("tmp"));
    LoadKeys keys = new LoadKeys();
    Path keysFile = work.resolve("keys.properties");
    keys.write(keysFile, false, 0);
    try (ServerJvm server =
        ServerJvm.start(
            target,
            keysFile,
            work.resolve("tmp"),
            Map.of(HmacConfig.MAX_BODY_BYTES, Long.toString(2 * GIB)),
            List.of(),
            work.resolve("server.log"),
            "64m")) {
      long seed = 14;
      String path = LoadServer.CONTEXT + "/signed/digest";
      String authority = "127.0.0.1:" + server.port();
      long start = System.nanoTime();
      Upload upload = new Upload(path, authority, seed, MessageDigest.getInstance("SHA-256"));
      SignedHeaders signed = HmacSigner.builder(keys.a()).build().sign(upload);
      // What the resource must see: the length and SHA-256 of the bytes the signer read.
      String expected =
          "bytes=" + GIB + " sha-256=" + HexFormat.of().formatHex(upload.sha256().digest());
      long signedAt = System.nanoTime();

      String answer;
      try (Socket socket = new Socket("127.0.0.1", server.port())) {
        OutputStream out = socket.getOutputStream();
        String head =
            "POST "
                + path
                + " HTTP/1.1\r\nHost: "
                + authority
                + "\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                + GIB
                + "\r\nAuthorization: "
                + signed.authorization()
                + "\r\nContent-Digest: "
                + signed.contentDigestHeader().orElseThrow()
                + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        new Body(seed).transferTo(out);
        out.flush();
        answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      }
      long sentAt = System.nanoTime();
      System.out.printf(
          "UPLOAD %s, -Xmx64m: 1 GiB signed in %.1f s, sent, verified and read by the resource"
              + " in %.1f s -> %s%n",
          target,
          (signedAt - start) / 1e9,
          (sentAt - signedAt) / 1e9,
          answer.lines().findFirst().orElse(""));
      assertThat(answer).startsWith("HTTP/1.1 200").endsWith(expected);
      assertThat(server.log()).doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
    }
    try (Stream<Path> left = Files.list(work.resolve("tmp"))) {
      assertThat(left.toList()).as("temporary files left behind").isEmpty();
    }
  }

  /** 1 GiB of pseudo-random bytes from a seed, made as they are read. */
  private static final class Body extends InputStream {
    private final SplittableRandom random;
    private final byte[] block = new byte[64 * 1024];
    private int blockPos = block.length;
    private long left = GIB;

    Body(long seed) {
      this.random = new SplittableRandom(seed);
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left == 0) {
        return -1;
      }
      if (blockPos == block.length) {
        random.nextBytes(block);
        blockPos = 0;
      }
      int n = (int) Math.min(Math.min(len, block.length - blockPos), left);
      System.arraycopy(block, blockPos, b, off, n);
      blockPos += n;
      left -= n;
      return n;
    }
  }

  /**
   * The upload as the signer sees it: its body is read once, to hash it, and {@code sha256} sees
   * the same bytes.
   */
  private record Upload(String path, String authority, long seed, MessageDigest sha256)
      implements RequestView {
    @Override
    public String method() {
      return "POST";
    }

    @Override
    public String rawPath() {
      return path;
    }

    @Override
    public String rawQuery() {
      return null;
    }

    @Override
    public List<String> headers(String name) {
      return name.equalsIgnoreCase("content-type")
          ? List.of("application/octet-stream")
          : List.of();
    }

    @Override
    public InputStream body() throws IOException {
      return new DigestInputStream(new Body(seed), sha256);
    }

    @Override
    public String authority() {
      return authority;
    }
  }
}
