package dev.hmacsigned.benchmarks;

import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.RequestView;
import dev.hmacsigned.core.SignedHeaders;
import dev.hmacsigned.core.VerificationResult;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verifying a 256 MiB body (issue 14, target 5a) against the floor of hashing the same bytes with
 * {@link MessageDigest} SHA-256 in one call. The verifier reads the body from a stream, hashes it
 * in one pass and keeps it for the application: with its defaults it spills a body above 1 MiB to a
 * temporary file ({@code library_spilled}, in {@code java.io.tmpdir}); {@code library_inMemory}
 * keeps it in memory (a threshold above the body). Replay protection is off: the same signed
 * request is verified again and again, and the store is not what is measured here. CPU time per
 * operation: {@code -prof dev.hmacsigned.benchmarks.CpuTimeProfiler}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar LargeBodyBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class LargeBodyBenchmark {
  static final int BODY_BYTES = 256 * 1024 * 1024;

  byte[] body;
  HmacVerifier spilling;
  HmacVerifier inMemory;
  Upload upload;
  Alternating.Call[] contenders = {this::rawSha256, this::library_inMemory, this::library_spilled};

  /** The upload as a server adapter presents it. */
  record Upload(String authorization, String contentDigest, byte[] bytes) implements RequestView {
    @Override
    public String method() {
      return "PUT";
    }

    @Override
    public String rawPath() {
      return "/files/backup.bin";
    }

    @Override
    public @Nullable String rawQuery() {
      return null;
    }

    @Override
    public List<String> headers(String name) {
      return switch (name.toLowerCase(java.util.Locale.ROOT)) {
        case "host" -> List.of(Shape.HOST);
        case "content-type" -> List.of("application/octet-stream");
        case "content-length" -> List.of(Integer.toString(bytes.length));
        case "authorization" -> List.of(authorization);
        case "content-digest" -> List.of(contentDigest);
        default -> List.of();
      };
    }

    @Override
    public InputStream body() {
      return new ByteArrayInputStream(bytes);
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    body = new byte[BODY_BYTES];
    new Random(14).nextBytes(body);
    HmacKey key = HmacKey.builder(Keys.KEY_ID).secret(Keys.secret()).build();
    SignedHeaders signed =
        HmacSigner.builder(key)
            .build()
            .sign(
                "PUT",
                "/files/backup.bin",
                null,
                Map.of(
                    "Host",
                    List.of(Shape.HOST),
                    "Content-Type",
                    List.of("application/octet-stream")),
                body);
    upload = new Upload(signed.authorization(), signed.contentDigestHeader().orElseThrow(), body);
    spilling =
        HmacVerifier.builder()
            .keys(KeyRing.of(key))
            .withoutReplayProtection()
            .maxBodyBytes(BODY_BYTES)
            .build();
    inMemory =
        HmacVerifier.builder()
            .keys(KeyRing.of(key))
            .withoutReplayProtection()
            .maxBodyBytes(BODY_BYTES)
            .memoryThreshold(BODY_BYTES)
            .build();
  }

  /**
   * The floor: SHA-256 of the same bytes, in one call.
   *
   * @return the digest
   * @throws NoSuchAlgorithmException never
   */
  @Benchmark
  public byte[] rawSha256() throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256").digest(body);
  }

  /**
   * The verifier with its defaults: the body spilled to a temporary file.
   *
   * @return the body's size
   */
  @Benchmark
  public long library_spilled() {
    return verify(spilling);
  }

  /**
   * The verifier keeping the body in memory.
   *
   * @return the body's size
   */
  @Benchmark
  public long library_inMemory() {
    return verify(inMemory);
  }

  private long verify(HmacVerifier verifier) {
    VerificationResult result = verifier.verify(upload);
    if (!(result instanceof VerificationResult.Verified verified)) {
      throw new IllegalStateException("rejected: " + result);
    }
    try (verified) {
      return verified.body().size();
    }
  }

  private static final String[] CONTENDERS = {"rawSha256", "library_inMemory", "library_spilled"};

  /**
   * The floor and both verifications in turns, one call each: their ratios in one run ({@link
   * Alternating}; read {@code cpu.alternating.*}).
   *
   * @param turns whose turn it is
   * @return what the call returned
   * @throws Exception never
   */
  @Benchmark
  public Object alternating(Alternating turns) throws Exception {
    return turns.run(CONTENDERS, contenders, 1);
  }
}
