package dev.hmacsigned.core;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded {@link ReplayStore} in this JVM's memory. Right for a single server; a cluster needs a
 * shared store, or each node would accept a request replayed to another node.
 *
 * <p>Expired entries are dropped when the store fills up. If it is still full of live entries, it
 * fails closed: {@link #recordIfAbsent} throws {@link ReplayStoreUnavailableException} and the
 * request gets 503 rather than being accepted without replay protection. Size it for the request
 * rate times the replay window (two skews): 1,000 requests/s with a 300 s skew needs 600,000.
 *
 * <pre>{@code
 * ReplayStore store = InMemoryReplayStore.withCapacity(600_000);
 * }</pre>
 */
public final class InMemoryReplayStore implements ReplayStore {
  /** The default capacity: 1,000,000 entries, roughly 150 MB at most. */
  public static final int DEFAULT_CAPACITY = 1_000_000;

  private static final long PURGE_PAUSE_MILLIS = 1_000;

  private final ConcurrentHashMap<String, Long> expiries = new ConcurrentHashMap<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicLong nextPurge = new AtomicLong(Long.MIN_VALUE);
  private final int capacity;
  private final InstantSource clock;

  private InMemoryReplayStore(int capacity, InstantSource clock) {
    if (capacity < 1) {
      throw new HmacConfigurationException("A replay store needs a capacity of at least 1.");
    }
    this.capacity = capacity;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A store of {@link #DEFAULT_CAPACITY} entries on the system clock.
   *
   * @return the store
   */
  public static InMemoryReplayStore create() {
    return new InMemoryReplayStore(DEFAULT_CAPACITY, InstantSource.system());
  }

  /**
   * A store of the given capacity on the system clock.
   *
   * @param capacity the most live nonces kept
   * @return the store
   */
  public static InMemoryReplayStore withCapacity(int capacity) {
    return new InMemoryReplayStore(capacity, InstantSource.system());
  }

  /**
   * A store of the given capacity on the given clock (for tests and simulations).
   *
   * @param capacity the most live nonces kept
   * @param clock decides which entries have expired
   * @return the store
   */
  public static InMemoryReplayStore withCapacity(int capacity, InstantSource clock) {
    return new InMemoryReplayStore(capacity, clock);
  }

  @Override
  public boolean recordIfAbsent(String keyId, String nonce, Instant expiresAt) {
    long now = clock.millis();
    if (size.get() >= capacity) {
      purgeExpired(now);
    }
    long expiry = expiresAt.toEpochMilli();
    // Protocol key ids and nonces never contain a space, so the pair maps to one key unambiguously.
    String key = keyId + ' ' + nonce;
    boolean[] outcome = {false, false}; // {recorded, full}
    expiries.compute(
        key,
        (k, existing) -> {
          if (existing != null && existing > now) {
            return existing;
          }
          if (existing == null && size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            outcome[1] = true;
            return null;
          }
          outcome[0] = true;
          return expiry;
        });
    if (outcome[1]) {
      throw new ReplayStoreUnavailableException(
          "The in-memory replay store is full of live nonces (capacity "
              + capacity
              + "); raise its capacity or use a shared store.");
    }
    return outcome[0];
  }

  /** Drops expired entries; a full scan, so at most one per pause whatever the request rate. */
  private void purgeExpired(long now) {
    long due = nextPurge.get();
    if (now < due || !nextPurge.compareAndSet(due, now + PURGE_PAUSE_MILLIS)) {
      return;
    }
    for (var entry : expiries.entrySet()) {
      if (entry.getValue() <= now && expiries.remove(entry.getKey(), entry.getValue())) {
        size.decrementAndGet();
      }
    }
  }

  /**
   * The number of entries held, live or expired but not yet dropped.
   *
   * @return the size
   */
  public int size() {
    return size.get();
  }

  @Override
  public String toString() {
    return "InMemoryReplayStore[size=" + size.get() + ", capacity=" + capacity + "]";
  }
}
