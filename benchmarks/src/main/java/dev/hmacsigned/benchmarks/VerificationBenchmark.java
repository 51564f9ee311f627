package dev.hmacsigned.benchmarks;

import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.InMemoryReplayStore;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.SignedHeaders;
import dev.hmacsigned.core.VerificationResult;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verifying one signed request with replay protection (issue 14, target 4): hmac-signed's {@link
 * HmacVerifier} with its default {@link InMemoryReplayStore} and default listener, against the
 * hand-written raw-JDK verifier ({@link RawVerifier}: parse, window, key, canonical bytes, MAC,
 * constant-time compare, body digest, {@code ConcurrentHashMap.putIfAbsent}), on the same two
 * requests ({@link Shape}).
 *
 * <p>Each call verifies a request with a nonce never seen before: {@value #POOL} requests are
 * signed in setup, outside the measurement, on a simulated clock, 100 per simulated second, and
 * each is verified at its own instant. So the replay store sees time pass and drops what expires:
 * it reaches its steady state (about 30,100 live nonces) and stops growing, as on a server. When a
 * verifier has gone through all the requests, it starts again with a new, empty store (the floor
 * with a new map), so that no call is a replay; the growth of that store to its steady state is
 * part of what is measured (about 7.5 MB over 200,000 calls, under 40 bytes a call).
 *
 * <p>Run it with {@code -prof gc} and {@code -prof dev.hmacsigned.benchmarks.CpuTimeProfiler}, as
 * {@link SignerBenchmark}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar VerificationBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class VerificationBenchmark {
  static final int POOL = 200_000;

  /** Simulated time between two requests: 10 ms, 100 requests per second. */
  static final long STEP_MICROS = 10_000;

  @Param({"GET", "POST"})
  Shape shape;

  /** The simulated clock, in µs: the signer's while signing, then each request's instant. */
  long nowMicros = Instant.parse("2026-11-24T00:00:00Z").toEpochMilli() * 1000;

  HmacVerifier library;
  RawVerifier raw;
  SignedView[] requests = new SignedView[POOL];
  long[] signedAtMicros = new long[POOL];
  KeyRing keys;
  InstantSource clock;
  Alternating.Call[] contenders = {this::library, this::rawjdk};
  int nextLibrary;
  int nextRaw;

  @Setup(Level.Trial)
  public void setUp() throws GeneralSecurityException, IOException {
    byte[] secret = Keys.secret();
    HmacKey key = HmacKey.builder(Keys.KEY_ID).secret(secret).build();
    keys = KeyRing.of(key);
    clock = () -> Instant.ofEpochSecond(0, nowMicros * 1000);
    HmacSigner signer = HmacSigner.builder(key).clock(clock).build();
    for (int i = 0; i < POOL; i++) {
      nowMicros += STEP_MICROS;
      signedAtMicros[i] = nowMicros;
      SignedHeaders signed =
          signer.sign(shape.method, shape.path, shape.query, shape.headers(), shape.body);
      requests[i] =
          SignedView.of(shape, signed.authorization(), signed.contentDigestHeader().orElse(null));
    }
    raw = new RawVerifier(Keys.KEY_ID, secret, () -> Math.floorDiv(nowMicros, 1_000_000));
    nextLibrary = POOL;
    nextRaw = POOL;
    library(); // each throws if it rejects the request
    rawjdk();
    nextLibrary = POOL;
    nextRaw = POOL;
  }

  /** A verifier with a new, empty store, as of the first request's instant. */
  private HmacVerifier newLibraryVerifier() {
    nowMicros = signedAtMicros[0];
    return HmacVerifier.builder()
        .keys(keys)
        .clock(clock)
        .replayStore(InMemoryReplayStore.builder().clock(clock).build())
        .build();
  }

  /**
   * hmac-signed: {@link HmacVerifier#verify}, the result closed as an adapter does.
   *
   * @return the result, always verified (a rejection stops the benchmark)
   */
  @Benchmark
  public VerificationResult library() {
    if (nextLibrary == POOL) {
      nextLibrary = 0;
      library = newLibraryVerifier();
    }
    nowMicros = signedAtMicros[nextLibrary];
    VerificationResult result = library.verify(requests[nextLibrary++]);
    if (!(result instanceof VerificationResult.Verified verified)) {
      throw new IllegalStateException("rejected: " + result);
    }
    verified.close();
    return result;
  }

  /**
   * The floor: the same checks written by hand with the JDK.
   *
   * @return the body
   * @throws IOException never (the body is in memory)
   */
  @Benchmark
  public byte[] rawjdk() throws IOException {
    if (nextRaw == POOL) {
      nextRaw = 0;
      raw.clearNonces();
    }
    nowMicros = signedAtMicros[nextRaw];
    byte[] body = raw.verify(requests[nextRaw++]);
    if (body == null) {
      throw new IllegalStateException("rejected by the floor");
    }
    return body;
  }

  private static final String[] VERIFIERS = {"library", "rawjdk"};

  /**
   * Both verifiers in turns, blocks of 100 verifications each: their ratio in one run ({@link
   * Alternating}; read {@code cpu.alternating.*}).
   *
   * @param turns whose turn it is
   * @return what the verifier returned
   * @throws Exception never
   */
  @Benchmark
  public Object alternating(Alternating turns) throws Exception {
    return turns.run(VERIFIERS, contenders, 100);
  }
}
