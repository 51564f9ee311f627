package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class InMemoryReplayStoreTest {
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T12:00:00Z"));
  final InstantSource clock = () -> now.get();

  @RepeatedTest(5)
  void recordIfAbsent_manyThreadsSameNonce_exactlyOneWins() throws InterruptedException {
    InMemoryReplayStore store = InMemoryReplayStore.withCapacity(10_000, clock);
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    for (int round = 0; round < 200; round++) {
      String nonce = "nonce-of-round-" + round;
      // A latch per round, so that the 16 threads of every round race, not just the first.
      CountDownLatch start = new CountDownLatch(1);
      CountDownLatch done = new CountDownLatch(threads);
      AtomicInteger wins = new AtomicInteger();
      for (int t = 0; t < threads; t++) {
        pool.execute(
            () -> {
              try {
                start.await();
                if (store.recordIfAbsent("k", nonce, now.get().plusSeconds(300))) {
                  wins.incrementAndGet();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                done.countDown();
              }
            });
      }
      start.countDown();
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(wins.get()).as("winners of round %d", round).isEqualTo(1);
    }
    pool.shutdown();
    assertThat(store.size()).isEqualTo(200);
  }

  @Test
  void recordIfAbsent_sameNonceOtherKey_isIndependent() {
    InMemoryReplayStore store = InMemoryReplayStore.withCapacity(10, clock);
    assertThat(store.recordIfAbsent("a", "n1234567890123456", now.get().plusSeconds(60))).isTrue();
    assertThat(store.recordIfAbsent("b", "n1234567890123456", now.get().plusSeconds(60))).isTrue();
    assertThat(store.recordIfAbsent("a", "n1234567890123456", now.get().plusSeconds(60))).isFalse();
  }

  @Test
  void recordIfAbsent_afterExpiry_acceptsTheNonceAgain() {
    InMemoryReplayStore store = InMemoryReplayStore.withCapacity(10, clock);
    assertThat(store.recordIfAbsent("k", "n", now.get().plusSeconds(60))).isTrue();
    now.set(now.get().plusSeconds(61));
    assertThat(store.recordIfAbsent("k", "n", now.get().plusSeconds(60))).isTrue();
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void recordIfAbsent_fullOfLiveEntries_failsClosed() {
    InMemoryReplayStore store = InMemoryReplayStore.withCapacity(3, clock);
    for (int i = 0; i < 3; i++) {
      assertThat(store.recordIfAbsent("k", "n" + i, now.get().plusSeconds(60))).isTrue();
    }
    assertThatThrownBy(() -> store.recordIfAbsent("k", "n3", now.get().plusSeconds(60)))
        .isInstanceOf(ReplayStoreUnavailableException.class)
        .hasMessageContaining("capacity 3");
    // A known nonce is still recognized as a replay while full.
    assertThat(store.recordIfAbsent("k", "n0", now.get().plusSeconds(60))).isFalse();
  }

  @Test
  void recordIfAbsent_fullButExpired_dropsExpiredEntriesAndAccepts() {
    InMemoryReplayStore store = InMemoryReplayStore.withCapacity(3, clock);
    for (int i = 0; i < 3; i++) {
      store.recordIfAbsent("k", "n" + i, now.get().plusSeconds(60));
    }
    now.set(now.get().plus(Duration.ofMinutes(2)));
    assertThat(store.recordIfAbsent("k", "fresh", now.get().plusSeconds(60))).isTrue();
    assertThat(store.size()).isEqualTo(1);
  }
}
