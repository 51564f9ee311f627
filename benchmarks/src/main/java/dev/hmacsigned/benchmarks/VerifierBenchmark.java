package dev.hmacsigned.benchmarks;

import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.InMemoryReplayStore;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.RequestView;
import dev.hmacsigned.core.SignedHeaders;
import dev.hmacsigned.core.VerificationListener;
import dev.hmacsigned.core.VerificationResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * What the library adds to a request: signing on the client, verifying on the server (parse,
 * window, key, MAC, one-pass body hash, replay store), for bodies of 0 bytes, 1 KiB and 1 MiB.
 *
 * <pre>
 * mvn -q -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VerifierBenchmark {
  @Param({"0", "1024", "1048576"})
  int bodyBytes;

  byte[] body;
  HmacSigner signer;
  HmacVerifier withoutReplayStore;
  HmacVerifier withReplayStore;
  Map<String, List<String>> headers =
      Map.of("Host", List.of("api.example.com"), "Content-Type", List.of("application/json"));
  Request signed;
  List<Request> fresh;
  int next;

  /** A request in memory, as an adapter would present it. */
  record Request(Map<String, List<String>> headerMap, byte[] bytes) implements RequestView {
    @Override
    public String method() {
      return "POST";
    }

    @Override
    public String rawPath() {
      return "/shop/api/orders/a%2Fb";
    }

    @Override
    public String rawQuery() {
      return "b=2&a=1&a=0&flag";
    }

    @Override
    public List<String> headers(String name) {
      for (Map.Entry<String, List<String>> e : headerMap.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue();
        }
      }
      return List.of();
    }

    @Override
    public InputStream body() {
      return new ByteArrayInputStream(bytes);
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    SecureRandom random = new SecureRandom();
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    HmacKey key = HmacKey.builder("bench").secret(secret).build();
    body = new byte[bodyBytes];
    random.nextBytes(body);
    signer = HmacSigner.builder(key).build();
    VerificationListener quiet = new VerificationListener() {};
    withoutReplayStore =
        HmacVerifier.builder()
            .keys(KeyRing.of(key))
            .listener(quiet)
            .withoutReplayProtection()
            .build();
    withReplayStore =
        HmacVerifier.builder()
            .keys(KeyRing.of(key))
            .listener(quiet)
            .replayStore(InMemoryReplayStore.withCapacity(5_000_000))
            .build();
    signed = sign();
  }

  /** Fresh nonces for the replay-store benchmark, signed outside the measured code. */
  @Setup(Level.Iteration)
  public void signFresh() {
    fresh = new ArrayList<>();
    int count = bodyBytes >= 1_000_000 ? 3_000 : 200_000;
    for (int i = 0; i < count; i++) {
      fresh.add(sign());
    }
    next = 0;
  }

  private Request sign() {
    SignedHeaders h =
        signer.sign("POST", "/shop/api/orders/a%2Fb", "b=2&a=1&a=0&flag", headers, body);
    Map<String, List<String>> all = new java.util.HashMap<>(headers);
    all.put("Authorization", List.of(h.authorization()));
    h.contentDigestHeader().ifPresent(d -> all.put("Content-Digest", List.of(d)));
    return new Request(all, body);
  }

  /** Client side: canonical string, body digest, MAC, headers. */
  @Benchmark
  public SignedHeaders sign_request() {
    return signer.sign("POST", "/shop/api/orders/a%2Fb", "b=2&a=1&a=0&flag", headers, body);
  }

  /** Server side without the replay store: every check but step 6, and the body read once. */
  @Benchmark
  public long verify_withoutReplayStore() throws IOException {
    return consume(withoutReplayStore.verify(signed));
  }

  /** Server side, all of §5 with the in-memory replay store (a fresh nonce each call). */
  @Benchmark
  public long verify_withInMemoryReplayStore() throws IOException {
    Request request = fresh.get(next++ % fresh.size());
    return consume(withReplayStore.verify(request));
  }

  private static long consume(VerificationResult result) throws IOException {
    if (result instanceof VerificationResult.Verified verified) {
      try (verified;
          InputStream in = verified.body().openStream()) {
        return in.skip(Long.MAX_VALUE) + 1;
      }
    }
    return 0; // a replay after the list wrapped: counted, and visible as a faster op
  }
}
