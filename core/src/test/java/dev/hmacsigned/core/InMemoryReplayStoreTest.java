package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The in-memory store's contract, bounds and layout, all on an injected clock. */
class InMemoryReplayStoreTest {
  static final long T0 = Instant.parse("2026-11-23T12:00:00Z").toEpochMilli();

  /** Milliseconds since the epoch; tests move it by hand. */
  final AtomicLong nowMillis = new AtomicLong(T0);

  final InstantSource clock = () -> Instant.ofEpochMilli(nowMillis.get());

  Instant inSeconds(long seconds) {
    return Instant.ofEpochMilli(nowMillis.get()).plusSeconds(seconds);
  }

  InMemoryReplayStore store(int maxEntries) {
    return InMemoryReplayStore.builder().maxEntries(maxEntries).clock(clock).build();
  }

  @RepeatedTest(5)
  void recordIfAbsent_manyThreadsSameNonce_exactlyOneWins() throws InterruptedException {
    InMemoryReplayStore store = store(10_000);
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
                if (store.recordIfAbsent("k", nonce, inSeconds(300))) {
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
    InMemoryReplayStore store = store(10);
    assertThat(store.recordIfAbsent("a", "n1234567890123456", inSeconds(60))).isTrue();
    assertThat(store.recordIfAbsent("b", "n1234567890123456", inSeconds(60))).isTrue();
    assertThat(store.recordIfAbsent("a", "n1234567890123456", inSeconds(60))).isFalse();
  }

  @Test
  void recordIfAbsent_keyIdAndNonceSplitDifferently_areDifferentPairs() {
    InMemoryReplayStore store = store(10);
    assertThat(store.recordIfAbsent("ab", "c", inSeconds(60))).isTrue();
    assertThat(store.recordIfAbsent("a", "bc", inSeconds(60))).isTrue();
  }

  @Test
  void recordIfAbsent_nonAsciiOrLongValues_areRememberedExactly() {
    InMemoryReplayStore store = store(10);
    String longNonce = "x".repeat(5000);
    assertThat(store.recordIfAbsent("k\u00e9", "n", inSeconds(60))).isTrue();
    assertThat(store.recordIfAbsent("k", "\u00e9n", inSeconds(60))).isTrue();
    assertThat(store.recordIfAbsent("k", longNonce, inSeconds(60))).isTrue();
    assertThat(store.recordIfAbsent("k", longNonce + "y", inSeconds(60))).isTrue();
    assertThat(store.recordIfAbsent("k\u00e9", "n", inSeconds(60))).isFalse();
    assertThat(store.recordIfAbsent("k", "\u00e9n", inSeconds(60))).isFalse();
    assertThat(store.recordIfAbsent("k", longNonce, inSeconds(60))).isFalse();
    assertThat(store.recordIfAbsent("k", "\ud83d\ude00", inSeconds(60))).isTrue();
    assertThat(store.recordIfAbsent("k", "\ud83d\ude00", inSeconds(60))).isFalse();
  }

  @Test
  void recordIfAbsent_sameNonceOtherExpiry_isStillARepeat() {
    InMemoryReplayStore store = store(10);
    assertThat(store.recordIfAbsent("k", "n", inSeconds(60))).isTrue();
    assertThat(store.recordIfAbsent("k", "n", inSeconds(200))).isFalse();
  }

  @Test
  void recordIfAbsent_beforeExpiresAt_keepsTheNonceToTheLastMillisecond() {
    InMemoryReplayStore store = store(10);
    Instant expiresAt = Instant.ofEpochMilli(T0).plusSeconds(301);
    assertThat(store.recordIfAbsent("k", "n", expiresAt)).isTrue();
    nowMillis.set(expiresAt.toEpochMilli() - 1);
    assertThat(store.recordIfAbsent("k", "n", expiresAt)).isFalse();
    nowMillis.set(expiresAt.toEpochMilli());
    assertThat(store.recordIfAbsent("k", "n", inSeconds(301))).isTrue();
  }

  @Test
  void recordIfAbsent_expiresAtWithinASecond_isKeptToTheNextWholeSecond() {
    InMemoryReplayStore store = store(10);
    Instant expiresAt = Instant.ofEpochMilli(T0 + 10_400);
    assertThat(store.recordIfAbsent("k", "n", expiresAt)).isTrue();
    nowMillis.set(T0 + 10_999);
    assertThat(store.recordIfAbsent("k", "n", expiresAt)).isFalse();
    nowMillis.set(T0 + 11_000);
    assertThat(store.recordIfAbsent("k", "n", expiresAt)).isTrue();
  }

  @Test
  void recordIfAbsent_alreadyExpired_isFirstUseAndKeepsNothing() {
    InMemoryReplayStore store = store(10);
    assertThat(store.recordIfAbsent("k", "n", inSeconds(0))).isTrue();
    assertThat(store.size()).isZero();
  }

  @Test
  void recordIfAbsent_secondsPass_expiredNoncesAreDroppedWithoutTheStoreBeingFull() {
    InMemoryReplayStore store = store(1_000);
    for (int s = 1; s <= 10; s++) {
      for (int i = 0; i < 5; i++) {
        store.recordIfAbsent("k", "n" + s + "-" + i, inSeconds(s));
      }
    }
    assertThat(store.size()).isEqualTo(50);
    nowMillis.addAndGet(4_000);
    assertThat(store.recordIfAbsent("k", "fresh", inSeconds(100))).isTrue();
    assertThat(store.size()).isEqualTo(50 - 20 + 1);
    nowMillis.addAndGet(3_600_000); // far past the whole ring
    assertThat(store.recordIfAbsent("k", "later", inSeconds(100))).isTrue();
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.size("k")).isEqualTo(1);
  }

  @Test
  void recordIfAbsent_fullOfLiveEntries_failsClosedAndStillRecognizesReplays() {
    InMemoryReplayStore store =
        InMemoryReplayStore.builder().maxEntries(3).maxEntriesPerKey(3).clock(clock).build();
    for (int i = 0; i < 3; i++) {
      assertThat(store.recordIfAbsent("k", "n" + i, inSeconds(60))).isTrue();
    }
    assertThatThrownBy(() -> store.recordIfAbsent("other", "n3", inSeconds(60)))
        .isInstanceOf(ReplayStoreUnavailableException.class)
        .hasMessageContaining("capacity 3");
    assertThat(store.recordIfAbsent("k", "n0", inSeconds(60))).isFalse();
  }

  @Test
  void recordIfAbsent_fullButSecondsPassed_acceptsAgain() {
    InMemoryReplayStore store = store(3);
    for (int i = 0; i < 3; i++) {
      store.recordIfAbsent("k" + i, "n", inSeconds(60));
    }
    nowMillis.addAndGet(60_000);
    assertThat(store.recordIfAbsent("k", "fresh", inSeconds(60))).isTrue();
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void recordIfAbsent_keyOverItsShare_isRefusedWhileOtherKeysAreAccepted() {
    InMemoryReplayStore store =
        InMemoryReplayStore.builder().maxEntries(100).maxEntriesPerKey(10).clock(clock).build();
    for (int i = 0; i < 10; i++) {
      assertThat(store.recordIfAbsent("greedy", "n" + i, inSeconds(300))).isTrue();
    }
    assertThatThrownBy(() -> store.recordIfAbsent("greedy", "n10", inSeconds(300)))
        .isInstanceOf(ReplayStoreUnavailableException.class)
        .hasMessageContaining("share")
        .hasMessageNotContaining("greedy");
    assertThat(store.recordIfAbsent("greedy", "n3", inSeconds(300))).isFalse();
    for (int i = 0; i < 10; i++) {
      assertThat(store.recordIfAbsent("polite", "n" + i, inSeconds(300))).isTrue();
    }
    assertThat(store.size("greedy")).isEqualTo(10);
    assertThat(store.size("polite")).isEqualTo(10);
  }

  @Test
  void recordIfAbsent_keysNoncesExpire_giveTheKeyItsShareBack() {
    InMemoryReplayStore store =
        InMemoryReplayStore.builder().maxEntries(100).maxEntriesPerKey(2).clock(clock).build();
    store.recordIfAbsent("k", "a", inSeconds(5));
    store.recordIfAbsent("k", "b", inSeconds(6));
    assertThatThrownBy(() -> store.recordIfAbsent("k", "c", inSeconds(7)))
        .isInstanceOf(ReplayStoreUnavailableException.class);
    nowMillis.addAndGet(5_000);
    assertThat(store.recordIfAbsent("k", "c", inSeconds(7))).isTrue();
    assertThat(store.size("k")).isEqualTo(2);
  }

  @Test
  void recordIfAbsent_expiryBeyondTheRing_failsClosed() {
    InMemoryReplayStore store = store(10);
    assertThat(store.recordIfAbsent("k", "edge", inSeconds(InMemoryReplayStore.RING_SECONDS)))
        .isTrue();
    assertThatThrownBy(
            () -> store.recordIfAbsent("k", "far", inSeconds(InMemoryReplayStore.RING_SECONDS + 1)))
        .isInstanceOf(ReplayStoreUnavailableException.class)
        .hasMessageContaining("asked for " + (InMemoryReplayStore.RING_SECONDS + 1) + " s");
  }

  @Test
  void recordIfAbsent_clockWentBackThenASecondOfTheRingComesAgain_dropsItsExpiredNonces() {
    InMemoryReplayStore store = store(10);
    assertThat(store.recordIfAbsent("k", "tick", inSeconds(100))).isTrue();
    nowMillis.addAndGet(-50_000); // nothing is swept until the clock passes its latest second again
    Instant early = inSeconds(30);
    assertThat(store.recordIfAbsent("k", "early", early)).isTrue();
    nowMillis.set(early.toEpochMilli()); // "early" has just expired; still no sweep
    Instant oneTurnLater = early.plusSeconds(InMemoryReplayStore.RING_SECONDS);
    // The same second of the ring, one turn later: its expired nonces are dropped, nothing refused.
    assertThat(store.recordIfAbsent("k", "late", oneTurnLater)).isTrue();
    assertThat(store.size()).isEqualTo(2);
    assertThat(store.size("k")).isEqualTo(2);
    assertThat(store.recordIfAbsent("k", "early", early)).isTrue(); // expired: a first use again
    assertThat(store.recordIfAbsent("k", "tick", inSeconds(100))).isFalse();
    assertThat(store.recordIfAbsent("k", "late", oneTurnLater)).isFalse();
  }

  @Test
  void recordIfAbsent_valuesThatDifferBeforeANonAsciiCharacter_areDifferentPairs() {
    InMemoryReplayStore store = store(100);
    String longCjk = "\u4e00".repeat(30_000); // 90,000 bytes in UTF-8, 3 for each character
    // \u00e9 and \u01e9 share their low byte; so do lengths 1 and 257
    List<String> keyIds =
        List.of(
            "k",
            "kk",
            "\u00e9",
            "\u01e9",
            "a\u00e9",
            "b\u00e9",
            "ab\u00e9",
            "a\u00e9b",
            "k" + "b".repeat(256));
    List<String> nonces =
        List.of(
            "n",
            "\u00e9",
            "\u01e9",
            "a\u00e9",
            "b\u00e9",
            "xa\u00e9",
            "b".repeat(256) + "n",
            longCjk,
            "a" + longCjk);
    for (String keyId : keyIds) {
      for (String nonce : nonces) {
        assertThat(store.recordIfAbsent(keyId, nonce, inSeconds(60)))
            .as("first use of (%s, %s)", keyId, nonce.length() > 10 ? "long" : nonce)
            .isTrue();
      }
    }
    for (String keyId : keyIds) {
      for (String nonce : nonces) {
        assertThat(store.recordIfAbsent(keyId, nonce, inSeconds(60))).isFalse();
      }
    }
    assertThat(store.size()).isEqualTo(keyIds.size() * nonces.size());
  }

  /** Each larger than the last: the store's reused buffers must grow for either part alone. */
  @Test
  void recordIfAbsent_everLongerNonAsciiKeyIdsAndNonces_areRememberedExactly() {
    InMemoryReplayStore store = store(100);
    for (int chars : new int[] {40_000, 50_000, 60_000}) {
      String cjk = "\u4e00".repeat(chars);
      assertThat(store.recordIfAbsent(cjk, "n", inSeconds(60))).isTrue();
      assertThat(store.recordIfAbsent("k", cjk + "\u4e01", inSeconds(60))).isTrue();
      assertThat(store.recordIfAbsent(cjk, "n", inSeconds(60))).isFalse();
      assertThat(store.recordIfAbsent("k", cjk + "\u4e01", inSeconds(60))).isFalse();
    }
  }

  @Test
  void recordIfAbsent_afterTheArraysGrewManyTimes_everyLiveNonceIsStillARepeat() {
    InMemoryReplayStore store = store(100_000);
    for (int n = 0; n < 50_000; n++) {
      assertThat(store.recordIfAbsent("k", "nonce-" + n, inSeconds(60))).isTrue();
    }
    for (int n = 0; n < 50_000; n++) {
      if (store.recordIfAbsent("k", "nonce-" + n, inSeconds(60))) {
        throw new AssertionError("nonce-" + n + " was forgotten");
      }
    }
    assertThat(store.size()).isEqualTo(50_000);
  }

  @Test
  void withCapacity_capacityAndClock_boundTheStoreAndDecideExpiry() {
    InMemoryReplayStore store = InMemoryReplayStore.withCapacity(5, clock);
    assertThat(store.maxEntries()).isEqualTo(5);
    assertThat(store.maxEntriesPerKey()).isEqualTo(4);
    assertThat(store.recordIfAbsent("k", "n", inSeconds(10))).isTrue();
    // live on the injected clock (long expired on the system's), then expired by it
    assertThat(store.recordIfAbsent("k", "n", inSeconds(10))).isFalse();
    nowMillis.addAndGet(10_000);
    assertThat(store.recordIfAbsent("k", "n", inSeconds(10))).isTrue();
    assertThat(store.toString()).contains("size=1", "maxEntries=5", "maxEntriesPerKey=4");
  }

  @Test
  void recordIfAbsent_clockGoesBack_forgetsNothing() {
    InMemoryReplayStore store = store(10);
    store.recordIfAbsent("k", "n", inSeconds(10));
    nowMillis.addAndGet(5_000);
    store.recordIfAbsent("k", "tick", inSeconds(100));
    nowMillis.addAndGet(-60_000);
    assertThat(store.recordIfAbsent("k", "n", inSeconds(10))).isFalse();
    assertThat(store.size()).isEqualTo(2);
  }

  @Test
  void builder_shareOutOfRange_isAConfigurationError() {
    assertThatThrownBy(
            () -> InMemoryReplayStore.builder().maxEntries(10).maxEntriesPerKey(11).build())
        .isInstanceOf(HmacConfigurationException.class);
    assertThatThrownBy(() -> InMemoryReplayStore.builder().maxEntries(0).build())
        .isInstanceOf(HmacConfigurationException.class);
  }

  @Test
  void create_defaults_areFourMillionEntriesAndFourFifthsPerKey() {
    InMemoryReplayStore store = InMemoryReplayStore.create();
    assertThat(store.maxEntries()).isEqualTo(4_000_000);
    assertThat(store.maxEntriesPerKey()).isEqualTo(3_200_000);
  }

  @Test
  void arrays_manyNonces_holdAtMost32BytesEachAndRecognizeEveryOne() {
    InMemoryReplayStore store = store(1_000_000);
    // 1024 slots of 2 longs and 2 ints, and 512 heads: 26 bytes a slot to begin with.
    assertThat(store.arrayBytes()).isEqualTo(1024L * 24 + 512L * 4);
    long worstBytesPerNonce = 0;
    for (int n = 1; n <= 200_000; n++) {
      store.recordIfAbsent("k", "nonce-" + n, inSeconds(1 + n % 600));
      if (n >= 1024) {
        worstBytesPerNonce = Math.max(worstBytesPerNonce, (store.arrayBytes() + n - 1) / n);
      }
    }
    assertThat(worstBytesPerNonce).isLessThanOrEqualTo(32);
    for (int n = 1; n <= 200_000; n += 997) {
      assertThat(store.recordIfAbsent("k", "nonce-" + n, inSeconds(1))).isFalse();
    }
    assertThat(store.size()).isEqualTo(200_000);
  }

  /**
   * Issue 14, target 2: 10,000 requests per second for 10 simulated minutes, with the default skew
   * and the default store. The clock moves 100 µs per request; each request's timestamp is the
   * current second and its nonce expires at timestamp + 301 s, as the verifier sets it. At most 301
   * seconds of nonces are live at once: 10,000 × 301 = 3,010,000 (with clients' clocks up to the
   * skew ahead, 10,000 × 601 = 6,010,000).
   */
  @Test
  void recordIfAbsent_10kPerSecondFor10Minutes_neverRefusesAndStaysBounded() {
    InMemoryReplayStore store = InMemoryReplayStore.builder().clock(clock).build();
    long startMicros = T0 * 1000;
    int refused = 0;
    int maxSize = 0;
    for (int i = 0; i < 6_000_000; i++) {
      long micros = startMicros + 100L * i;
      nowMillis.set(micros / 1000);
      long timestamp = Math.floorDiv(micros, 1_000_000L);
      try {
        if (!store.recordIfAbsent("load", "n" + i, Instant.ofEpochSecond(timestamp + 301))) {
          refused++;
        }
      } catch (ReplayStoreUnavailableException e) {
        refused++;
      }
      if (i % 1000 == 999) {
        maxSize = Math.max(maxSize, store.size());
      }
    }
    assertThat(refused).isZero();
    assertThat(maxSize).isEqualTo(3_010_000);
    assertThat(store.size()).isEqualTo(3_010_000);
    assertThat(store.arrayBytes()).isLessThanOrEqualTo(32L * 3_010_000);
  }

  /**
   * Nonces that expire first, recorded before others that share their chains (a new entry goes to
   * the head of its chain): once they expire they are unlinked from behind the live ones, and are
   * first uses again, while every live one is still a repeat.
   */
  @Test
  void recordIfAbsent_expiredEntriesBehindLiveOnesInTheirChains_areForgottenAndTheLiveKept() {
    InMemoryReplayStore store = store(10_000);
    for (int i = 0; i < 600; i++) {
      assertThat(store.recordIfAbsent("k", "old-" + i, inSeconds(10))).isTrue();
    }
    for (int i = 0; i < 600; i++) {
      assertThat(store.recordIfAbsent("k", "young-" + i, inSeconds(100))).isTrue();
    }
    nowMillis.addAndGet(11_000);
    for (int i = 0; i < 600; i++) {
      assertThat(store.recordIfAbsent("k", "old-" + i, inSeconds(100))).as("old-%d", i).isTrue();
      assertThat(store.recordIfAbsent("k", "young-" + i, inSeconds(100))).isFalse();
    }
    assertThat(store.size()).isEqualTo(1200);
  }

  /**
   * The fingerprint's buffer is reused per thread and starts at 256 bytes: on a fresh thread, a key
   * id alone or a nonce alone far longer than that is remembered exactly.
   */
  @Test
  void recordIfAbsent_onAFreshThread_aLongKeyIdOrALongNonceAloneIsRemembered() throws Exception {
    InMemoryReplayStore store = store(100);
    String longPart = "x".repeat(1000);
    for (List<String> pair : List.of(List.of(longPart, "n"), List.of("k", longPart))) {
      java.util.concurrent.atomic.AtomicReference<Throwable> failure =
          new java.util.concurrent.atomic.AtomicReference<>();
      Thread fresh =
          new Thread(
              () -> {
                try {
                  assertThat(store.recordIfAbsent(pair.get(0), pair.get(1), inSeconds(60)))
                      .isTrue();
                  assertThat(store.recordIfAbsent(pair.get(0), pair.get(1), inSeconds(60)))
                      .isFalse();
                } catch (Throwable t) {
                  failure.set(t);
                }
              });
      fresh.start();
      fresh.join();
      assertThat(failure.get()).isNull();
    }
  }

  @Test
  void recordIfAbsent_aSecondOfManyNoncesPasses_unlinksThemAFewPerCallAndNeverFindsThem() {
    InMemoryReplayStore store = store(100_000);
    for (int i = 0; i < 1_000; i++) {
      store.recordIfAbsent("k", "old-" + i, inSeconds(2));
    }
    nowMillis.addAndGet(2_000); // their second has passed

    assertThat(store.recordIfAbsent("k", "new-0", inSeconds(60))).isTrue();
    // Off the counts at once, unlinked a few at a time: no call pays for the whole second.
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.size("k")).isEqualTo(1);
    assertThat(store.unlinkBacklog()).isEqualTo(1_000 - InMemoryReplayStore.UNLINKS_PER_CALL);
    // Still linked, but no longer live: a nonce of the passed second is not a repeat.
    assertThat(store.recordIfAbsent("k", "old-999", inSeconds(60))).isTrue();
    assertThat(store.recordIfAbsent("k", "old-0", inSeconds(60))).isTrue();
    assertThat(store.unlinkBacklog()).isEqualTo(1_000 - 3 * InMemoryReplayStore.UNLINKS_PER_CALL);
    for (int i = 1; i < 1_000 / InMemoryReplayStore.UNLINKS_PER_CALL; i++) {
      assertThat(store.recordIfAbsent("k", "new-" + i, inSeconds(60))).isTrue();
    }
    assertThat(store.unlinkBacklog()).isZero();
    assertThat(store.size()).isEqualTo(1_000 / InMemoryReplayStore.UNLINKS_PER_CALL + 2);
    assertThat(store.recordIfAbsent("k", "old-999", inSeconds(60))).isFalse();
    assertThat(store.recordIfAbsent("k", "new-1", inSeconds(60))).isFalse();
  }

  @Test
  void recordIfAbsent_arraysFullWithPassedEntries_unlinksThemInsteadOfGrowing() {
    InMemoryReplayStore store = store(100_000);
    long initialBytes = store.arrayBytes();
    for (int i = 0; i < 1_024; i++) { // the initial slots, all taken
      store.recordIfAbsent("k", "old-" + i, inSeconds(1));
    }
    nowMillis.addAndGet(1_000);

    for (int i = 0; i < 1_024; i++) {
      assertThat(store.recordIfAbsent("k", "new-" + i, inSeconds(60))).isTrue();
    }

    assertThat(store.arrayBytes()).isEqualTo(initialBytes);
    assertThat(store.size()).isEqualTo(1_024);
    assertThat(store.recordIfAbsent("k", "new-1023", inSeconds(60))).isFalse();
  }

  @Test
  void recordIfAbsent_aSecondsSlotComesAgainWithEntriesStillLinked_dropsThemFirst() {
    InMemoryReplayStore store = store(100_000);
    for (int i = 0; i < 100; i++) {
      store.recordIfAbsent("k", "old-" + i, inSeconds(5));
    }
    // One ring later, the same slot takes a new second while its old entries are still linked.
    nowMillis.addAndGet(1_000L * InMemoryReplayStore.RING_SECONDS);
    assertThat(store.recordIfAbsent("k", "old-0", inSeconds(5))).isTrue();
    assertThat(store.unlinkBacklog()).isZero();
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.recordIfAbsent("k", "old-0", inSeconds(5))).isFalse();
    assertThat(store.recordIfAbsent("k", "old-1", inSeconds(5))).isTrue();
  }

  @Test
  void recordIfAbsent_acrossSegmentsAndWhileTheHeadsDouble_findsEveryLiveNonceAndForgetsExpired() {
    InMemoryReplayStore store =
        InMemoryReplayStore.builder().maxEntries(1_000_000).stripes(1).clock(clock).build();
    int doublingCalls = 0;
    int n = 50_000; // three segments of 16,384 entries and several doublings of the heads
    for (int i = 0; i < n; i++) {
      if (i % 10 == 0) {
        nowMillis.addAndGet(1); // 5 s in all: nonces expire, and are unlinked, during doublings
      }
      assertThat(store.recordIfAbsent("k", "n-" + i, inSeconds(2 + i % 5))).isTrue();
      if (store.headsDoubling()) {
        doublingCalls++;
      }
      if (i >= 1_000) {
        // Inserted just now and 0.1 s ago, still live: repeats whichever heads hold their chains.
        assertThat(store.recordIfAbsent("k", "n-" + (i - 1), inSeconds(60))).isFalse();
        assertThat(store.recordIfAbsent("k", "n-" + (i - 1_000), inSeconds(60))).isFalse();
      }
    }
    assertThat(doublingCalls).isGreaterThan(1_000);
    long nowSecond = Math.floorDiv(nowMillis.get(), 1000L);
    int live = 0;
    for (int i = 0; i < n; i++) {
      long expiresAtMillis = T0 + i / 10 + 1 + 1000L * (2 + i % 5);
      long expirySecond = Math.floorDiv(expiresAtMillis + 999, 1000L); // kept to the whole second
      if (expirySecond > nowSecond) {
        live++;
        assertThat(store.recordIfAbsent("k", "n-" + i, inSeconds(60))).isFalse();
      }
    }
    assertThat(store.size()).isEqualTo(live);
  }

  @Test
  void recordIfAbsent_eachStepOfADoubling_leavesEveryLiveNonceFindableAndEveryExpiredUnlinkable() {
    InMemoryReplayStore store = store(100_000);
    int n = 0;
    while (!store.headsDoubling()) {
      store.recordIfAbsent("k", "n-" + n, inSeconds(n % 2 == 0 ? 1 : 60));
      n++;
    }
    nowMillis.addAndGet(1_000); // the even ones expire: unlinked while the chains move
    int steps = 0;
    while (store.headsDoubling()) {
      store.recordIfAbsent("k", "step-" + steps, inSeconds(60));
      steps++;
      for (int j = 0; j < n; j++) {
        assertThat(store.contains("k", "n-" + j))
            .as("n-%d after step %d", j, steps)
            .isEqualTo(j % 2 == 1);
      }
      for (int j = 0; j < steps; j++) {
        assertThat(store.contains("k", "step-" + j)).isTrue();
      }
    }
    assertThat(steps).isGreaterThan(50);
    for (int j = 0; j < 1_000; j++) { // the rest of the expired ones are unlinked
      store.recordIfAbsent("k", "after-" + j, inSeconds(60));
    }
    assertThat(store.unlinkBacklog()).isZero();
    assertThat(store.size()).isEqualTo(n / 2 + steps + 1_000);
  }

  // ---------------------------------------------------------------- stripes

  InMemoryReplayStore striped(int maxEntries, int maxEntriesPerKey, int stripes) {
    return InMemoryReplayStore.builder()
        .maxEntries(maxEntries)
        .maxEntriesPerKey(maxEntriesPerKey)
        .stripes(stripes)
        .clock(clock)
        .build();
  }

  @Test
  void stripes_oneFor65536EntriesAPowerOfTwoAtMost16_theDefaultStoreHas16() {
    assertThat(InMemoryReplayStore.defaultStripes(1)).isEqualTo(1);
    assertThat(InMemoryReplayStore.defaultStripes(131_071)).isEqualTo(1);
    assertThat(InMemoryReplayStore.defaultStripes(131_072)).isEqualTo(2);
    assertThat(InMemoryReplayStore.defaultStripes(1_000_000)).isEqualTo(8);
    assertThat(InMemoryReplayStore.defaultStripes(Integer.MAX_VALUE)).isEqualTo(16);
    assertThat(InMemoryReplayStore.create().stripeCount()).isEqualTo(16);
    assertThat(store(100_000).stripeCount()).isEqualTo(1);
  }

  @Test
  void maxSlotsPerStripe_theShareAndAnEighthMore_andTheWholeBoundForOneStripe() {
    assertThat(InMemoryReplayStore.maxSlotsPerStripe(4_000_000, 16))
        .isEqualTo(250_000 + 31_250 + 1_024);
    assertThat(InMemoryReplayStore.maxSlotsPerStripe(100_000, 1)).isEqualTo(100_000);
    assertThat(InMemoryReplayStore.maxSlotsPerStripe(32, 2)).isEqualTo(32); // never above the bound
  }

  /**
   * A stripe that chance filled to its bound (its share and an eighth more) refuses as a full store
   * would, still recognizes its replays, and takes more once its seconds pass; the other stripes go
   * on accepting. The arrays of all the stripes stay within 30 bytes a slot of their bounds.
   */
  @Test
  void recordIfAbsent_aStripeAtItsBound_refusesWhileTheOthersAccept() {
    InMemoryReplayStore store = striped(100_000, 100_000, 2);
    int bound = InMemoryReplayStore.maxSlotsPerStripe(100_000, 2);
    List<String> first = noncesIn(store, "k", 0, bound + 1);
    for (int i = 0; i < bound; i++) {
      assertThat(store.recordIfAbsent("k", first.get(i), inSeconds(1))).isTrue();
    }
    assertThatThrownBy(() -> store.recordIfAbsent("k", first.get(bound), inSeconds(1)))
        .isInstanceOf(ReplayStoreUnavailableException.class)
        .hasMessageContaining("full");
    assertThat(store.recordIfAbsent("k", first.get(0), inSeconds(1))).isFalse();
    assertThat(store.recordIfAbsent("k", noncesIn(store, "k", 1, 1).get(0), inSeconds(1))).isTrue();
    assertThat(store.arrayBytes()).isLessThanOrEqualTo(30L * 2 * bound);

    nowMillis.addAndGet(1_000);
    assertThat(store.recordIfAbsent("k", first.get(bound), inSeconds(1))).isTrue();
  }

  @Test
  void recordIfAbsent_manyStripes_bothBoundsAreExactAcrossThem() {
    InMemoryReplayStore store = striped(1_000, 600, 16);
    for (int i = 0; i < 600; i++) {
      assertThat(store.recordIfAbsent("a", "n-" + i, inSeconds(60))).isTrue();
    }
    assertThatThrownBy(() -> store.recordIfAbsent("a", "n-600", inSeconds(60)))
        .isInstanceOf(ReplayStoreUnavailableException.class)
        .hasMessageContaining("share");
    for (int i = 0; i < 400; i++) {
      assertThat(store.recordIfAbsent("b", "n-" + i, inSeconds(60))).isTrue();
    }
    assertThatThrownBy(() -> store.recordIfAbsent("c", "n-0", inSeconds(60)))
        .isInstanceOf(ReplayStoreUnavailableException.class)
        .hasMessageContaining("full");
    // Full, and every stripe still recognizes its replays.
    for (int i = 0; i < 600; i++) {
      assertThat(store.recordIfAbsent("a", "n-" + i, inSeconds(60))).isFalse();
    }
    assertThat(store.size()).isEqualTo(1_000);
    assertThat(store.size("a")).isEqualTo(600);
    assertThat(store.size("c")).isZero();
  }

  /** Nonces of the given stripe, in order of their numbers. */
  private static List<String> noncesIn(InMemoryReplayStore store, String keyId, int stripe, int n) {
    List<String> nonces = new java.util.ArrayList<>();
    for (int i = 0; nonces.size() < n; i++) {
      if (store.stripeOf(keyId, "x-" + i) == stripe) {
        nonces.add("x-" + i);
      }
    }
    return nonces;
  }

  @Test
  void recordIfAbsent_fullOfPassedSecondsInAStripeNoCallVisits_sweepsItAndAccepts() {
    InMemoryReplayStore store = striped(32, 32, 2);
    List<String> inFirst = noncesIn(store, "k", 0, 64);
    List<String> old = inFirst.subList(0, 32);
    for (String nonce : old) {
      assertThat(store.recordIfAbsent("k", nonce, inSeconds(1))).isTrue();
    }
    nowMillis.addAndGet(1_000); // all passed, all in stripe 0, which no call below visits

    List<String> inSecond = noncesIn(store, "k", 1, 32);
    for (String nonce : inSecond) {
      assertThat(store.recordIfAbsent("k", nonce, inSeconds(60))).as(nonce).isTrue();
    }
    assertThat(store.size()).isEqualTo(32);
    assertThat(store.size("k")).isEqualTo(32);
    assertThatThrownBy(() -> store.recordIfAbsent("k", inFirst.get(40), inSeconds(60)))
        .isInstanceOf(ReplayStoreUnavailableException.class);
  }

  @Test
  void recordIfAbsent_keyShareHeldByPassedSecondsInAnotherStripe_sweepsItAndAccepts() {
    InMemoryReplayStore store = striped(1_000, 8, 2);
    for (String nonce : noncesIn(store, "k", 0, 8)) {
      assertThat(store.recordIfAbsent("k", nonce, inSeconds(1))).isTrue();
    }
    nowMillis.addAndGet(1_000);

    for (String nonce : noncesIn(store, "k", 1, 8)) {
      assertThat(store.recordIfAbsent("k", nonce, inSeconds(60))).as(nonce).isTrue();
    }
    assertThat(store.size("k")).isEqualTo(8);
  }

  @Test
  void size_afterSecondsPassInStripesNoCallVisits_countsOnlyLiveNonces() {
    InMemoryReplayStore store = striped(1_000, 1_000 * 4 / 5, 16);
    for (int i = 0; i < 500; i++) {
      store.recordIfAbsent(i % 2 == 0 ? "a" : "b", "n-" + i, inSeconds(1 + i % 2));
    }
    assertThat(store.size()).isEqualTo(500);
    nowMillis.addAndGet(1_000);
    assertThat(store.size()).isEqualTo(250);
    assertThat(store.size("a")).isZero();
    assertThat(store.size("b")).isEqualTo(250);
    nowMillis.addAndGet(1_000);
    assertThat(store.size()).isZero();
    assertThat(store.size("b")).isZero();
  }

  /**
   * Threads record one key's nonces while its count keeps reaching zero (every second passes before
   * the next): the counter removed at zero is never one a thread still counts on, so the share
   * holds in every second, and nothing is counted once all has passed.
   */
  @RepeatedTest(3)
  void recordIfAbsent_manyThreadsWhileAKeysCountKeepsReachingZero_neverLosesACount()
      throws Exception {
    int share = 40;
    InMemoryReplayStore store = striped(100_000, share, 16);
    int threads = 4;
    int seconds = 200;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int s = 0; s < seconds; s++) {
        long second = s;
        Instant expiry = Instant.ofEpochMilli(T0).plusSeconds(second + 1);
        AtomicInteger accepted = new AtomicInteger();
        onThreads(
            pool,
            threads,
            thread -> {
              for (int i = 0; i < 20; i++) {
                try {
                  if (store.recordIfAbsent("k", second + "-" + thread + "-" + i, expiry)) {
                    accepted.incrementAndGet();
                  }
                } catch (ReplayStoreUnavailableException e) {
                  // over the share: expected once 40 of the 80 are in
                }
              }
            });
        assertThat(accepted.get()).as("second %d", s).isEqualTo(share);
        nowMillis.set(T0 + 1000L * (s + 1)); // this second's nonces pass
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.size("k")).isZero();
    assertThat(store.size()).isZero();
  }

  @Test
  void recordIfAbsent_manyThreadsManyStripes_acceptEachNonceOnceAndFillTheStoreExactly()
      throws Exception {
    InMemoryReplayStore store = striped(20_000, 20_000 * 4 / 5, 16);
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    // Each thread sends 6,000 nonces of a key of its own, and the same 100 of key "shared" as all
    // the others: 24,000 pairs, 20,000 places.
    onThreads(
        pool,
        4,
        thread -> {
          for (int i = 0; i < 6_000; i++) {
            try {
              if (store.recordIfAbsent("k" + thread, "n-" + i, inSeconds(60))) {
                accepted.incrementAndGet();
              }
              store.recordIfAbsent("shared", "n-" + (i % 100), inSeconds(60));
            } catch (ReplayStoreUnavailableException e) {
              refused.incrementAndGet();
            }
          }
        });
    pool.shutdown();
    assertThat(store.size()).isEqualTo(20_000);
    assertThat(store.size("shared")).isEqualTo(100);
    assertThat(accepted.get()).isEqualTo(20_000 - 100);
    assertThat(accepted.get() + refused.get()).isEqualTo(24_000);
  }

  /** Runs body(thread) on n threads of the pool and waits for all of them. */
  private static void onThreads(ExecutorService pool, int n, IntConsumer body)
      throws InterruptedException {
    CountDownLatch done = new CountDownLatch(n);
    for (int t = 0; t < n; t++) {
      int thread = t;
      pool.execute(
          () -> {
            try {
              body.accept(thread);
            } finally {
              done.countDown();
            }
          });
    }
    assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
  }
}
