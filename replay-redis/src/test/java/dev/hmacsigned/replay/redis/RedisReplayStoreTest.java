package dev.hmacsigned.replay.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hmacsigned.core.ReplayStoreUnavailableException;
import dev.hmacsigned.testing.RedisServerProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store on a real {@code redis-server}: first use and repeat, expiry, keys that cannot meet,
 * and failing closed when Redis is killed or frozen, then working again without a new store.
 */
class RedisReplayStoreTest {
  /** "Returns at all": far above the 100 ms timeout, only to catch a hang. Not a measurement. */
  private static final Duration HANG = Duration.ofSeconds(5);

  @TempDir static Path dir;
  private static RedisServerProcess redis;

  @BeforeAll
  static void startRedis() throws IOException {
    redis = RedisServerProcess.start(dir.resolve("shared"));
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  private static String nonce() {
    return UUID.randomUUID().toString();
  }

  private static Instant inSeconds(long seconds) {
    return Instant.now().plusSeconds(seconds);
  }

  @Test
  void recordIfAbsent_firstUseThenRepeat_trueThenFalse() {
    try (RedisReplayStore store = RedisReplayStore.builder(redis.uri()).build()) {
      String nonce = nonce();
      assertThat(store.recordIfAbsent("orders", nonce, inSeconds(60))).isTrue();
      assertThat(store.recordIfAbsent("orders", nonce, inSeconds(60))).isFalse();
      assertThat(store.recordIfAbsent("orders", nonce, inSeconds(60))).isFalse();
    }
  }

  @Test
  void recordIfAbsent_twoStoresOnOneRedis_shareTheRecord() {
    try (RedisReplayStore nodeA = RedisReplayStore.builder(redis.uri()).build();
        RedisReplayStore nodeB = RedisReplayStore.builder(redis.uri()).build()) {
      String nonce = nonce();
      assertThat(nodeA.recordIfAbsent("orders", nonce, inSeconds(60))).isTrue();
      assertThat(nodeB.recordIfAbsent("orders", nonce, inSeconds(60))).isFalse();
    }
  }

  @Test
  void recordIfAbsent_sameNonceUnderOtherKeyIds_isNoReplay() {
    try (RedisReplayStore store = RedisReplayStore.builder(redis.uri()).build()) {
      String nonce = nonce();
      assertThat(store.recordIfAbsent("orders", nonce, inSeconds(60))).isTrue();
      assertThat(store.recordIfAbsent("billing", nonce, inSeconds(60))).isTrue();
      // Pairs a plain "keyId:nonce" would make one key: the length prefix keeps them apart.
      String tail = nonce();
      assertThat(store.recordIfAbsent("a:1", "b" + tail, inSeconds(60))).isTrue();
      assertThat(store.recordIfAbsent("a", "1:b" + tail, inSeconds(60))).isTrue();
      assertThat(store.recordIfAbsent("a:", "1:b" + tail, inSeconds(60))).isTrue();
    }
  }

  @Test
  void recordIfAbsent_writesThePrefixedLengthPrefixedKey_withATtl() throws IOException {
    try (RedisReplayStore store =
        RedisReplayStore.builder(redis.uri()).keyPrefix("test:prefix:").build()) {
      String nonce = nonce();
      assertThat(store.recordIfAbsent("k:1", nonce, inSeconds(60))).isTrue();
      String key = "test:prefix:3:k:1:" + nonce;
      assertThat(redis.command("GET", key)).isEqualTo("1");
      long pttl = Long.parseLong(redis.command("PTTL", key));
      // 60 s to expiresAt plus the default 5 s margin, less the time since: never more, never -1.
      assertThat(pttl).isPositive().isLessThanOrEqualTo(65_000).isGreaterThan(55_000);
    }
  }

  @Test
  void recordIfAbsent_afterTheRecordExpires_acceptsTheNonceAgain() throws IOException {
    try (RedisReplayStore store =
        RedisReplayStore.builder(redis.uri()).clockMargin(Duration.ZERO).build()) {
      String nonce = nonce();
      assertThat(store.recordIfAbsent("orders", nonce, Instant.now().plusMillis(300))).isTrue();
      assertThat(store.recordIfAbsent("orders", nonce, Instant.now().plusMillis(300))).isFalse();
      String key = store.key("orders", nonce);
      waitFor(() -> exists(key), false);

      assertThat(store.recordIfAbsent("orders", nonce, inSeconds(60))).isTrue();
    }
  }

  @Test
  void ttlMillis_isTheTimeLeftRoundedUpPlusTheMargin() {
    Instant now = Instant.parse("2026-11-24T00:00:00Z");
    try (RedisReplayStore store =
        RedisReplayStore.builder(redis.uri())
            .clock(InstantSource.fixed(now))
            .clockMargin(Duration.ofSeconds(5))
            .build()) {
      assertThat(store.ttlMillis(now.plusSeconds(61))).isEqualTo(66_000);
      assertThat(store.ttlMillis(now.plusNanos(1))).isEqualTo(5_001); // rounded up, never down
      assertThat(store.ttlMillis(now.plusMillis(2).plusNanos(1))).isEqualTo(5_003);
      assertThat(store.ttlMillis(now.minusSeconds(10))).isEqualTo(5_000); // past: the margin
    }
    try (RedisReplayStore store =
        RedisReplayStore.builder(redis.uri())
            .clock(InstantSource.fixed(now))
            .clockMargin(Duration.ZERO)
            .build()) {
      assertThat(store.ttlMillis(now)).isEqualTo(1); // PX 0 is an error in Redis
    }
  }

  @Test
  void recordIfAbsent_redisKilled_failsClosedWithinTheTimeout_thenWorksOnceItIsBack()
      throws IOException {
    try (RedisServerProcess own = RedisServerProcess.start(dir.resolve("killed"));
        RedisReplayStore store = RedisReplayStore.builder(own.uri()).build()) {
      assertThat(store.recordIfAbsent("orders", nonce(), inSeconds(60))).isTrue();

      own.kill();
      for (int i = 0; i < 5; i++) {
        Throwable failure =
            assertTimeoutPreemptively(
                HANG,
                () -> catchThrowable(() -> store.recordIfAbsent("orders", nonce(), inSeconds(60))));
        assertThat(failure)
            .isInstanceOf(ReplayStoreUnavailableException.class)
            .hasMessageContaining("Redis at redis://127.0.0.1:" + own.port());
      }

      own.restart();
      String nonce = nonce();
      waitFor(() -> recorded(store, nonce), true);
      assertThat(store.recordIfAbsent("orders", nonce, inSeconds(60))).isFalse();
    }
  }

  @Test
  void recordIfAbsent_redisFrozen_failsClosedWithinTheTimeout_thenWorksOnceItResumes()
      throws IOException {
    try (RedisServerProcess own = RedisServerProcess.start(dir.resolve("frozen"));
        RedisReplayStore store =
            RedisReplayStore.builder(own.uri()).timeout(Duration.ofMillis(100)).build()) {
      assertThat(store.recordIfAbsent("orders", nonce(), inSeconds(60))).isTrue();

      own.pause();
      try {
        for (int i = 0; i < 5; i++) {
          Throwable failure =
              assertTimeoutPreemptively(
                  HANG,
                  () ->
                      catchThrowable(() -> store.recordIfAbsent("orders", nonce(), inSeconds(60))));
          assertThat(failure)
              .isInstanceOf(ReplayStoreUnavailableException.class)
              .hasMessageContaining("no answer within 100 ms");
        }
      } finally {
        own.resume();
      }

      String nonce = nonce();
      waitFor(() -> recorded(store, nonce), true);
      assertThat(store.recordIfAbsent("orders", nonce, inSeconds(60))).isFalse();
    }
  }

  @Test
  void recordIfAbsent_redisNotUpWhenTheStoreIsMade_failsClosedUntilItIs() throws IOException {
    int port = RedisServerProcess.freePort();
    try (RedisReplayStore store = RedisReplayStore.builder("redis://127.0.0.1:" + port).build()) {
      Throwable failure =
          assertTimeoutPreemptively(
              HANG,
              () -> catchThrowable(() -> store.recordIfAbsent("orders", nonce(), inSeconds(60))));
      assertThat(failure)
          .isInstanceOf(ReplayStoreUnavailableException.class)
          .hasMessageContaining("cannot connect");

      try (RedisServerProcess late = RedisServerProcess.startOn(dir.resolve("late"), port)) {
        String nonce = nonce();
        waitFor(() -> recorded(store, nonce), true);
        assertThat(store.recordIfAbsent("orders", nonce, inSeconds(60))).isFalse();
      }
    }
  }

  @Test
  void connecting_slowerThanTheTimeout_isNotAbandoned_theFirstRequestAfterwardsIsAccepted()
      throws Exception {
    try (RedisServerProcess own = RedisServerProcess.start(dir.resolve("slow-handshake"))) {
      long before = Long.parseLong(own.info("stats", "total_connections_received"));
      own.pause(); // the TCP connection is queued by the kernel; HELLO gets no answer
      try (RedisReplayStore store =
          RedisReplayStore.builder(own.uri()).timeout(Duration.ofMillis(100)).build()) {
        Thread.sleep(500);
        own.resume();
        String nonce = nonce();
        waitFor(() -> recorded(store, nonce), true);
        // The store's one connection (its handshake outlived the 100 ms), plus this INFO's own.
        long after = Long.parseLong(own.info("stats", "total_connections_received"));
        assertThat(after - before).isEqualTo(2);
      } finally {
        own.resume();
      }
    }
  }

  @Test
  void build_invalidSettings_refusedWithoutEchoingTheUri() {
    assertThatThrownBy(() -> RedisReplayStore.builder("http://h:6379").build())
        .hasMessageContaining("redis:// or rediss://");
    assertThatThrownBy(() -> RedisReplayStore.builder("redis://u:s3cr3t-pw@[bad").build())
        .hasMessageNotContaining("s3cr3t-pw")
        .hasNoCause();
    assertThatThrownBy(() -> RedisReplayStore.builder(redis.uri()).timeout(Duration.ZERO).build())
        .hasMessageContaining("from 1 ms to 1 minute");
    assertThatThrownBy(
            () -> RedisReplayStore.builder(redis.uri()).clockMargin(Duration.ofSeconds(-1)).build())
        .hasMessageContaining("from 0 to 1 hour");
  }

  private static boolean exists(String key) {
    try {
      return redis.command("EXISTS", key).equals("1");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether the store recorded the nonce now; {@code false} while it fails closed. */
  static boolean recorded(RedisReplayStore store, String nonce) {
    try {
      return store.recordIfAbsent("orders", nonce, inSeconds(60));
    } catch (ReplayStoreUnavailableException e) {
      return false;
    }
  }

  /**
   * Waits until the store's first connection is made: made in the background, it may take longer
   * than the 100 ms a request waits in a JVM that has not loaded TLS yet (a request before then
   * fails closed, as it should).
   */
  static RedisReplayStore connected(RedisReplayStore store) {
    waitFor(() -> recorded(store, "probe-" + UUID.randomUUID()), true);
    return store;
  }

  /** Polls until the condition has the value (a reconnect, an expiry), 20 s at most. */
  static void waitFor(BooleanSupplier condition, boolean value) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (condition.getAsBoolean() != value) {
      assertThat(System.nanoTime()).as("the condition within 20 s").isLessThan(deadline);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
