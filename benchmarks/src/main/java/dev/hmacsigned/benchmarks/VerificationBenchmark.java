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
 * <p>Run it with {@code -prof gc} and {@code -prof dev.hmacsigned.benchmarks.CpuTimeProfiler}, as
 * {@link SignerBenchmark}.
 *
 * <p>Each call verifies a request with a nonce never seen before: {@value #POOL} requests are
 * signed in setup, outside the measurement. When a verifier has gone through all of them, it starts
 * again with an empty store (a new {@link InMemoryReplayStore}, a new map for the floor), so that
 * every measured call is a first use of its nonce, never a replay.
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
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class VerificationBenchmark {
  static final int POOL = 100_000;

  @Param({"GET", "POST"})
  Shape shape;

  KeyRing keys;
  HmacVerifier library;
  RawVerifier raw;
  SignedView[] requests;
  int nextLibrary;
  int nextRaw;

  @Setup(Level.Trial)
  public void setUp() throws GeneralSecurityException, IOException {
    byte[] secret = Keys.secret();
    HmacKey key = HmacKey.builder(Keys.KEY_ID).secret(secret).build();
    keys = KeyRing.of(key);
    library = newLibraryVerifier();
    raw = new RawVerifier(Keys.KEY_ID, secret);
    HmacSigner signer = HmacSigner.builder(key).build();
    requests = new SignedView[POOL];
    for (int i = 0; i < POOL; i++) {
      SignedHeaders signed =
          signer.sign(shape.method, shape.path, shape.query, shape.headers(), shape.body);
      requests[i] =
          SignedView.of(shape, signed.authorization(), signed.contentDigestHeader().orElse(null));
    }
    if (!(library() instanceof VerificationResult.Verified) || rawjdk() == null) {
      throw new IllegalStateException("a verifier rejects a fresh signed request");
    }
    nextLibrary = 0;
    nextRaw = 0;
    library = newLibraryVerifier();
    raw.clearNonces();
  }

  private HmacVerifier newLibraryVerifier() {
    return HmacVerifier.builder().keys(keys).replayStore(InMemoryReplayStore.create()).build();
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
    byte[] body = raw.verify(requests[nextRaw++]);
    if (body == null) {
      throw new IllegalStateException("rejected by the floor");
    }
    return body;
  }
}
