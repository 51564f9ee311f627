package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.VerificationResult.Rejected;
import dev.hmacsigned.core.VerificationResult.Verified;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11, bug 1: a nonce outlives every instant at which its timestamp passes the window check.
 * The window check works in whole seconds, so with the default 300 s skew a request signed at
 * {@code ts} passes it until {@code ts + 301 s}, exclusive; a replay must be refused up to then.
 * Every verifier here uses its default store, which it builds on its own (injected) clock.
 */
class ReplayWindowBoundaryTest {
  static final long TS = Instant.parse("2026-11-23T12:00:00Z").getEpochSecond();

  final HmacKey key = key();
  final AtomicLong nowMillis = new AtomicLong();
  final HmacVerifier verifier =
      HmacVerifier.builder()
          .keys(KeyRing.of(key))
          .clock(() -> Instant.ofEpochMilli(nowMillis.get()))
          .build();

  static HmacKey key() {
    byte[] secret = new byte[Algorithm.HMAC_SHA256.minimumSecretBytes()];
    new SecureRandom().nextBytes(secret);
    return HmacKey.builder("boundary-1").secret(secret).algorithm(Algorithm.HMAC_SHA256).build();
  }

  /** A GET signed at {@code TS}. */
  TestRequest signedAtTs() {
    TestRequest request =
        new TestRequest("GET", "/api/items/1", "", new byte[0]).header("Host", "api.example.com");
    SignedHeaders h =
        HmacSigner.builder(key)
            .clock(InstantSource.fixed(Instant.ofEpochSecond(TS)))
            .build()
            .sign(request.method, request.rawPath, request.rawQuery, request.headerMap(), null);
    return request.header("Authorization", h.authorization());
  }

  void clockAt(long millisAfterTs) {
    nowMillis.set(TS * 1000 + millisAfterTs);
  }

  static RejectionReason reason(VerificationResult result) {
    assertThat(result).isInstanceOf(Rejected.class);
    return ((Rejected) result).reason();
  }

  @ParameterizedTest(name = "replayed at ts + {0} ms")
  @ValueSource(longs = {300_000, 300_050, 300_500, 300_999})
  void verify_replayInTheLastSecondOfTheWindow_isReplayedNonce(long replayedAt) {
    TestRequest request = signedAtTs();
    clockAt(298_000);
    assertThat(verifier.verify(request)).isInstanceOf(Verified.class);
    clockAt(replayedAt);
    assertThat(reason(verifier.verify(request))).isEqualTo(RejectionReason.REPLAYED_NONCE);
  }

  @Test
  void verify_replayAtTsPlusSkewPlusOneSecond_isRejectedByTheWindowItself() {
    TestRequest request = signedAtTs();
    clockAt(298_000);
    assertThat(verifier.verify(request)).isInstanceOf(Verified.class);
    clockAt(301_000);
    assertThat(reason(verifier.verify(request))).isEqualTo(RejectionReason.TIMESTAMP_OUT_OF_WINDOW);
  }

  @Test
  void verify_firstUseInTheLastMillisecondOfTheWindow_isVerified() {
    clockAt(300_999);
    assertThat(verifier.verify(signedAtTs())).isInstanceOf(Verified.class);
  }

  @ParameterizedTest(name = "20 parallel replays at ts + {0} ms")
  @ValueSource(longs = {300_050, 300_999})
  void verify_parallelReplaysInTheLastSecond_areAllRefused(long replayedAt) throws Exception {
    TestRequest request = signedAtTs();
    clockAt(298_000);
    assertThat(verifier.verify(request)).isInstanceOf(Verified.class);
    clockAt(replayedAt);
    List<VerificationResult> results = race(20, () -> verifier.verify(request));
    assertThat(results)
        .allSatisfy(r -> assertThat(reason(r)).isEqualTo(RejectionReason.REPLAYED_NONCE));
  }

  @Test
  void verify_parallelFirstUsesInTheLastSecond_exactlyOneIsVerified() throws Exception {
    TestRequest request = signedAtTs();
    clockAt(300_500);
    List<VerificationResult> results = race(20, () -> verifier.verify(request));
    assertThat(results).filteredOn(r -> r instanceof Verified).hasSize(1);
    assertThat(results)
        .filteredOn(r -> r instanceof Rejected)
        .hasSize(19)
        .allSatisfy(r -> assertThat(reason(r)).isEqualTo(RejectionReason.REPLAYED_NONCE));
  }

  static <T> List<T> race(int threads, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(10, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
