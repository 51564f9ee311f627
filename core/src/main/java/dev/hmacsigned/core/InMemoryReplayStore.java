package dev.hmacsigned.core;

import dev.hmacsigned.core.internal.SipHash128;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A bounded {@link ReplayStore} in this JVM's memory. Right for a single server; a cluster needs a
 * shared store, or each node would accept a request replayed to another node.
 *
 * <p><b>Layout.</b> Each remembered (key id, nonce) pair is a fingerprint in primitive arrays: two
 * {@code long}s, a hash-chain link and an expiry-list link ({@code int}s), 24 bytes a slot, in
 * segments of 16,384 slots; plus the chain heads, a power of two between half the slots and all of
 * them, 2 to 4 bytes a slot: at most <b>28 bytes per slot</b>, 30 while the heads double (the old
 * and the doubled heads both exist until every chain has moved, a few per call). Only the last
 * segment grows, by a sixteenth when full, so no call copies more than one segment, and the arrays
 * never hold more than 32 bytes per remembered nonce at their high-water mark (10,000 requests per
 * second with a 300 s skew keep 3,010,000 nonces, about 81 MB). Each stripe (see Locks) holds at
 * most its share of {@code maxEntries} and an eighth more, plus 1,024 slots: at most 134 MB for the
 * default 4,000,000 entries, {@code maxEntries × 30} bytes for a store of one stripe. They do not
 * shrink. The entries of one expiry second are linked in a list, one per second in a ring of
 * {@value #RING_SECONDS} seconds (twice the largest skew, plus 2). When a second passes, its nonces
 * stop counting and stop being found at once, and its list is unlinked {@value #UNLINKS_PER_CALL}
 * entries per call at most: expiry is continuous, costs O(1) per entry whatever the fill, and no
 * call pays for a whole second's entries while the others wait for the lock.
 *
 * <p><b>Fingerprint.</b> SipHash-2-4 with a 128-bit output of the key id and the nonce, under a
 * random 128-bit key drawn once per store. Keyed, so that an authenticated client cannot aim
 * collisions at another client's nonces or crowd one hash chain (SipHash is a pseudorandom function
 * of its key). 117 of its 128 bits are kept (the other 11 name the entry's second in the ring), so
 * that an accidental collision among 4 million live nonces has a probability below
 * 10<sup>-22</sup>. It costs a few dozen nanoseconds, a tenth of a SHA-256.
 *
 * <p><b>Bounds.</b> A store holds at most {@code maxEntries} live nonces, and one key id at most
 * {@code maxEntriesPerKey} (four fifths of the total by default), so that one key holder cannot
 * take the whole store from the others. Over either bound it fails closed: {@link #recordIfAbsent}
 * throws {@link ReplayStoreUnavailableException} and the request gets 503 with {@code Retry-After}
 * rather than being accepted without replay protection. A replay is still recognized as one. Size
 * it for the request rate times (skew + 1 s), or (2 × skew + 1 s) when clients' clocks may be
 * ahead: 1,000 requests/s with a 300 s skew needs 301,000 to 601,000.
 *
 * <p><b>Locks.</b> The fingerprint picks one of up to {@value #MAX_STRIPES} stripes (one per 65,536
 * entries of the bound, a power of two: 16 for the default store, one for a store below 131,072),
 * each with its own lock, arrays and ring, so that a thread stopped while it holds one (by the
 * scheduler, say) delays only the requests whose nonces fall in the same stripe. The bounds are
 * counted across the stripes with atomic counters, exactly: a stripe counts a nonce before it
 * records it and takes a passed second off the counts when it sweeps it, and a store that looks
 * full sweeps every stripe before it refuses. The fingerprint is computed outside any lock.
 *
 * <pre>{@code
 * ReplayStore store = InMemoryReplayStore.builder().maxEntries(600_000).build();
 * }</pre>
 */
public final class InMemoryReplayStore implements ReplayStore {
  /** The default bound: 4,000,000 live nonces, at most 134 MB (about 27 bytes each). */
  public static final int DEFAULT_CAPACITY = 4_000_000;

  /** Most bytes of the arrays per slot: two longs, two int links, at most one int chain head. */
  static final int BYTES_PER_SLOT = 28;

  /** Seconds of expiry the ring covers: twice the largest allowed skew (900 s), plus 2. */
  static final int RING_SECONDS = 2 * 900 + 2;

  /** Most stripes: 16 independent locks are plenty for a server's request threads. */
  static final int MAX_STRIPES = 16;

  /** Live nonces per stripe below which a store has fewer stripes (small stores have one). */
  private static final int ENTRIES_PER_STRIPE = 65_536;

  /** Slots of a new store, split among its stripes. */
  private static final int INITIAL_SLOTS = 1024;

  private static final int NONE = -1;

  /** A per-key counter being removed from the map; a caller that sees it takes the next one. */
  private static final int DEAD = -1;

  /** Entries of passed seconds unlinked per call, at most: more than the one a call may add. */
  static final int UNLINKS_PER_CALL = 2;

  /** Chains of the heads being doubled moved per call: done long before the next doubling. */
  static final int SPLITS_PER_CALL = 4;

  /** Entries per segment of the arrays: 2^14, 384 KiB of them. */
  private static final int SEGMENT_BITS = 14;

  private static final int SEGMENT = 1 << SEGMENT_BITS;
  private static final int OFFSET_MASK = SEGMENT - 1;

  /** The low bits of a stored {@code lo}: the entry's ring slot (RING_SECONDS < 2^11). */
  private static final long SLOT_MASK = (1L << 11) - 1;

  /** What a stripe did with a pair. */
  private enum Outcome {
    RECORDED,
    REPEAT,
    KEY_SHARE_FULL,
    STORE_FULL
  }

  private final InstantSource clock;
  private final int maxEntries;
  private final int maxEntriesPerKey;
  private final SipHash128 sip;
  private final Stripe[] stripes;
  // The bounds, counted across the stripes: live nonces, and live nonces per key id. A stripe adds
  // to them when it records a nonce and takes a passed second's nonces off them when it sweeps it.
  private final AtomicInteger size = new AtomicInteger();
  private final ConcurrentHashMap<String, AtomicInteger> keyCounts = new ConcurrentHashMap<>();

  private InMemoryReplayStore(Builder b) {
    if (b.maxEntries < 1) {
      throw new HmacConfigurationException("A replay store needs maxEntries of at least 1.");
    }
    int perKey = b.maxEntriesPerKey != null ? b.maxEntriesPerKey : defaultShare(b.maxEntries);
    if (perKey < 1 || perKey > b.maxEntries) {
      throw new HmacConfigurationException(
          "A replay store's maxEntriesPerKey must be between 1 and maxEntries ("
              + b.maxEntries
              + "); got "
              + perKey
              + ".");
    }
    this.clock = b.clock;
    this.maxEntries = b.maxEntries;
    this.maxEntriesPerKey = perKey;
    byte[] key = new byte[16];
    new SecureRandom().nextBytes(key);
    this.sip = new SipHash128(key);
    int n = b.stripes != null ? b.stripes : defaultStripes(maxEntries);
    this.stripes = new Stripe[n];
    long nowSecond = Math.floorDiv(clock.millis(), 1000L);
    int maxSlots = maxSlotsPerStripe(maxEntries, n);
    for (int i = 0; i < n; i++) {
      stripes[i] =
          new Stripe(Math.min(maxSlots, Math.max(64, INITIAL_SLOTS / n)), maxSlots, nowSecond);
    }
  }

  private static int defaultShare(int maxEntries) {
    return (int) Math.max(1, (long) maxEntries * 4 / 5);
  }

  /** A power of two: one stripe per 65,536 entries, at most 16 (the default store has 16). */
  static int defaultStripes(int maxEntries) {
    return Integer.highestOneBit(
        Math.max(1, Math.min(MAX_STRIPES, maxEntries / ENTRIES_PER_STRIPE)));
  }

  /**
   * The most slots one of n stripes may hold: its share of the bound and an eighth more, so that
   * the stripes' arrays together stay within an eighth (and 1,024 slots a stripe) of the bound. The
   * fingerprint spreads the nonces evenly (a stripe of the default store holds 250,000 give or take
   * 500 when the store is full), so a stripe reaches this only if chance put it 60 standard
   * deviations above its share; it then refuses as a full store would.
   */
  static int maxSlotsPerStripe(int maxEntries, int n) {
    if (n == 1) {
      return maxEntries;
    }
    long share = ((long) maxEntries + n - 1) / n;
    return (int) Math.min(maxEntries, share + share / 8 + INITIAL_SLOTS);
  }

  /**
   * A store of {@link #DEFAULT_CAPACITY} entries on the system clock.
   *
   * @return the store
   */
  public static InMemoryReplayStore create() {
    return builder().build();
  }

  /**
   * A store of the given bound on the system clock, each key id allowed four fifths of it.
   *
   * @param capacity the most live nonces kept
   * @return the store
   */
  public static InMemoryReplayStore withCapacity(int capacity) {
    return builder().maxEntries(capacity).build();
  }

  /**
   * A store of the given bound on the given clock (for tests and simulations), each key id allowed
   * four fifths of it.
   *
   * @param capacity the most live nonces kept
   * @param clock decides which entries have expired
   * @return the store
   */
  public static InMemoryReplayStore withCapacity(int capacity, InstantSource clock) {
    return builder().maxEntries(capacity).clock(clock).build();
  }

  /**
   * A builder: {@link #DEFAULT_CAPACITY} entries, four fifths of them per key id, system clock.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public boolean recordIfAbsent(String keyId, String nonce, Instant expiresAt) {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(nonce, "nonce");
    // Kept while now < expiresAt: rounded up to the whole second, never down.
    long expirySecond = expiresAt.getEpochSecond() + (expiresAt.getNano() > 0 ? 1 : 0); // ceil
    long[] fingerprint = fingerprint(keyId, nonce);
    Stripe stripe = stripes[chain(fingerprint[1], stripes.length)];
    Outcome outcome = stripe.record(keyId, fingerprint[0], fingerprint[1], expirySecond);
    if (outcome == Outcome.KEY_SHARE_FULL || outcome == Outcome.STORE_FULL) {
      // The counts may still hold seconds that have passed in stripes no call has visited since:
      // sweep them all, then ask once more.
      sweepAll();
      outcome = stripe.record(keyId, fingerprint[0], fingerprint[1], expirySecond);
    }
    switch (outcome) {
      case REPEAT:
        return false;
      case KEY_SHARE_FULL:
        throw new ReplayStoreUnavailableException(
            "This key id holds its whole share of the in-memory replay store ("
                + maxEntriesPerKey
                + " live nonces); other keys are not affected.");
      case STORE_FULL:
        throw new ReplayStoreUnavailableException(
            "The in-memory replay store is full of live nonces (capacity "
                + maxEntries
                + "); raise hmac.replay.max-entries or use a shared store.");
      default:
        return true;
    }
  }

  /** Takes every passed second off the counts, in every stripe, one lock at a time. */
  private void sweepAll() {
    for (Stripe stripe : stripes) {
      stripe.sweepNow();
    }
  }

  /** Counts one more live nonce for a key id, unless it holds its share. */
  private boolean reserveKey(String keyId) {
    while (true) {
      AtomicInteger count = keyCounts.get(keyId);
      if (count == null) {
        count = keyCounts.computeIfAbsent(keyId, k -> new AtomicInteger());
      }
      for (int v = count.get(); v != DEAD; v = count.get()) {
        if (v >= maxEntriesPerKey) {
          return false;
        }
        if (count.compareAndSet(v, v + 1)) {
          return true;
        }
      }
      keyCounts.remove(keyId, count); // dead at zero: help remove it, then take a new one
    }
  }

  /** Counts fewer live nonces for a key id; the counter goes when it reaches zero. */
  private void releaseKey(String keyId, int n) {
    AtomicInteger count = keyCounts.get(keyId);
    if (count != null && count.addAndGet(-n) == 0 && count.compareAndSet(0, DEAD)) {
      keyCounts.remove(keyId, count);
    }
  }

  /** Counts one more live nonce in the store, unless it is full. */
  private boolean reserveEntry() {
    for (int v = size.get(); v < maxEntries; v = size.get()) {
      if (size.compareAndSet(v, v + 1)) {
        return true;
      }
    }
    return false;
  }

  /**
   * One lock's share of the store: the nonces whose fingerprint falls in it, with their arrays,
   * chains and ring of expiry seconds. Guarded by itself.
   */
  private final class Stripe {
    // Entry e lives in segment e >>> SEGMENT_BITS at e & OFFSET_MASK: fingerprint (hi, lo),
    // chainNext links the entries whose fingerprint falls in the same chain (or the free entries),
    // secondNext links the entries that expire in the same second. Segments are added, and only
    // the last one grows by copying (at most SEGMENT entries), so no call copies the stripe.
    private final long[][] hi;
    private final long[][] lo;
    private final int[][] chainNext;
    private final int[][] secondNext;
    private int capacity; // entries the segments hold
    private final int maxSlots; // what they may grow to
    // heads[c] is the first entry of chain c. When the heads double, the chains move to
    // splitHeads a few per call (chain c of heads becomes chains 2c and 2c + 1 of splitHeads):
    // chains below splitNext have moved.
    private int[] heads;
    private int @Nullable [] splitHeads;
    private int splitNext;
    private int used; // entries ever handed out: 0..used-1 are live or on the free list
    private int freeList = NONE;

    // The ring: slot s % RING_SECONDS holds the entries expiring at second ringSecond[slot], and
    // how many each key id has there (null once the second has passed and left the counts).
    private final long[] ringSecond = new long[RING_SECONDS];
    private final int[] ringHead = new int[RING_SECONDS];
    private final @Nullable Map<String, int[]>[] ringKeyCounts;
    private long sweptThrough; // the seconds up to it have been taken off the counts
    // Entries of passed seconds are unlinked a few per call (UNLINKS_PER_CALL), not all at once
    // when their second passes: backlog of them are still linked, from second unlinkFrom on.
    private int backlog;
    private long unlinkFrom;

    @SuppressWarnings("unchecked")
    Stripe(int initialSlots, int maxSlots, long nowSecond) {
      this.maxSlots = maxSlots;
      int segments = (maxSlots + SEGMENT - 1) >>> SEGMENT_BITS;
      hi = new long[segments][];
      lo = new long[segments][];
      chainNext = new int[segments][];
      secondNext = new int[segments][];
      resizeSegment(0, initialSlots);
      heads = new int[Math.max(1, initialSlots / 2)];
      Arrays.fill(heads, NONE);
      Arrays.fill(ringHead, NONE);
      Arrays.fill(ringSecond, Long.MIN_VALUE);
      this.ringKeyCounts = (@Nullable Map<String, int[]>[]) new Map<?, ?>[RING_SECONDS];
      this.sweptThrough = nowSecond;
      this.unlinkFrom = nowSecond;
    }

    synchronized Outcome record(String keyId, long fpHi, long fpLo, long expirySecond) {
      long nowSecond = Math.floorDiv(clock.millis(), 1000L);
      sweep(nowSecond);
      unlinkPassed(UNLINKS_PER_CALL);
      splitChains(SPLITS_PER_CALL);
      if (find(fpHi, fpLo, nowSecond) != NONE) {
        return Outcome.REPEAT;
      }
      if (expirySecond <= nowSecond) {
        return Outcome.RECORDED; // already expired: nothing to remember
      }
      if (expirySecond - nowSecond > RING_SECONDS) {
        throw new ReplayStoreUnavailableException(
            "The in-memory replay store keeps nonces for at most "
                + RING_SECONDS
                + " s; asked for "
                + (expirySecond - nowSecond)
                + " s.");
      }
      int slot = slotFor(expirySecond, nowSecond);
      if (freeList == NONE && used == capacity && backlog == 0 && capacity == maxSlots) {
        return Outcome.STORE_FULL; // this stripe's arrays are at their bound, all live
      }
      if (!reserveKey(keyId)) {
        return Outcome.KEY_SHARE_FULL;
      }
      if (!reserveEntry()) {
        releaseKey(keyId, 1);
        return Outcome.STORE_FULL;
      }
      insert(keyId, fpHi, fpLo, slot);
      return Outcome.RECORDED;
    }

    synchronized void sweepNow() {
      sweep(Math.floorDiv(clock.millis(), 1000L));
    }

    /**
     * The live entry with this fingerprint, or {@link #NONE}. An entry of a second that has passed
     * may still be linked (see {@link #unlinkPassed}): its ring slot, in the low bits of {@code
     * lo}, tells that it is no longer live.
     */
    private int find(long fpHi, long fpLo, long nowSecond) {
      int[] table = headsOf(fpHi);
      for (int e = table[chain(fpHi, table.length)]; e != NONE; e = chainNext(e)) {
        long storedLo = lo[e >>> SEGMENT_BITS][e & OFFSET_MASK];
        if (hi[e >>> SEGMENT_BITS][e & OFFSET_MASK] == fpHi
            && ((storedLo ^ fpLo) & ~SLOT_MASK) == 0
            && ringSecond[(int) (storedLo & SLOT_MASK)] > nowSecond) {
          return e;
        }
      }
      return NONE;
    }

    /** The ring slot of a live expiry second, emptied first if it still holds a passed second. */
    private int slotFor(long expirySecond, long nowSecond) {
      int slot = (int) Math.floorMod(expirySecond, (long) RING_SECONDS);
      if (ringSecond[slot] != expirySecond) {
        if (ringSecond[slot] > nowSecond) {
          // Only after the clock went back by more than the ring: never forget a live nonce.
          throw new ReplayStoreUnavailableException(
              "The in-memory replay store's clock went back; try again shortly.");
        }
        dropSlot(slot); // a second that has passed
        ringSecond[slot] = expirySecond;
      }
      return slot;
    }

    private void insert(String keyId, long fpHi, long fpLo, int slot) {
      if (freeList == NONE && used == capacity && backlog > 0) {
        unlinkPassed(Integer.MAX_VALUE); // passed seconds' entries make room before growing
      }
      int e;
      if (freeList != NONE) {
        e = freeList;
        freeList = chainNext(e);
      } else {
        if (used == capacity) {
          grow();
        }
        e = used++;
      }
      int segment = e >>> SEGMENT_BITS;
      int offset = e & OFFSET_MASK;
      hi[segment][offset] = fpHi;
      lo[segment][offset] = (fpLo & ~SLOT_MASK) | slot;
      int[] table = headsOf(fpHi);
      int c = chain(fpHi, table.length);
      chainNext[segment][offset] = table[c];
      table[c] = e;
      secondNext[segment][offset] = ringHead[slot];
      ringHead[slot] = e;
      Map<String, int[]> counts = ringKeyCounts[slot];
      if (counts == null) {
        counts = new HashMap<>(4);
        ringKeyCounts[slot] = counts;
      }
      counts.computeIfAbsent(keyId, k -> new int[1])[0]++;
    }

    /**
     * Takes every second that has passed since the last call off the counts, at a cost per second,
     * not per entry: its entries stay linked, and are no longer found, until {@link #unlinkPassed}
     * frees them.
     */
    private void sweep(long nowSecond) {
      if (nowSecond <= sweptThrough) {
        return; // same second, or the clock went back: keep everything
      }
      long from = Math.max(sweptThrough + 1, nowSecond - RING_SECONDS + 1);
      for (long s = from; s <= nowSecond; s++) {
        int slot = (int) Math.floorMod(s, (long) RING_SECONDS);
        if (ringSecond[slot] <= nowSecond) {
          retire(slot);
        }
      }
      sweptThrough = nowSecond;
    }

    /** Takes a passed second's entries off the counts (once; then a no-op). */
    private void retire(int slot) {
      Map<String, int[]> counts = ringKeyCounts[slot];
      if (counts == null) {
        return;
      }
      int entries = 0;
      for (Map.Entry<String, int[]> count : counts.entrySet()) {
        entries += count.getValue()[0];
        releaseKey(count.getKey(), count.getValue()[0]);
      }
      ringKeyCounts[slot] = null;
      size.addAndGet(-entries);
      backlog += entries;
    }

    /**
     * Unlinks and frees at most {@code budget} entries of passed seconds, oldest second first, so
     * that no call pays for a whole second's entries (10,000 cache misses at 10,000 requests a
     * second) while every other call to this stripe waits for its lock.
     */
    private void unlinkPassed(int budget) {
      int left = budget;
      while (backlog > 0 && left > 0) {
        int slot = (int) Math.floorMod(unlinkFrom, (long) RING_SECONDS);
        if (ringKeyCounts[slot] == null && ringSecond[slot] <= sweptThrough) { // a passed second
          left -= unlinkSome(slot, left);
          if (ringHead[slot] != NONE) {
            return; // budget spent inside this second
          }
        }
        unlinkFrom = Math.max(unlinkFrom + 1, sweptThrough - RING_SECONDS + 1);
        if (unlinkFrom > sweptThrough) {
          unlinkFrom = sweptThrough; // all passed seconds visited; a later sweep adds more
          return;
        }
      }
    }

    /** Unlinks up to {@code most} entries of a retired slot; returns how many. */
    private int unlinkSome(int slot, int most) {
      int n = 0;
      int e = ringHead[slot];
      while (e != NONE && n < most) {
        int next = secondNext[e >>> SEGMENT_BITS][e & OFFSET_MASK];
        unlink(e);
        chainNext[e >>> SEGMENT_BITS][e & OFFSET_MASK] = freeList;
        freeList = e;
        e = next;
        n++;
      }
      ringHead[slot] = e;
      if (e == NONE) {
        ringSecond[slot] = Long.MIN_VALUE;
      }
      backlog -= n;
      return n;
    }

    /** Empties a slot whose second has passed, before it takes a new second. */
    private void dropSlot(int slot) {
      retire(slot);
      unlinkSome(slot, Integer.MAX_VALUE); // every entry: the slot's second is reset with the last
    }

    private void unlink(int e) {
      int[] table = headsOf(hi[e >>> SEGMENT_BITS][e & OFFSET_MASK]);
      int c = chain(hi[e >>> SEGMENT_BITS][e & OFFSET_MASK], table.length);
      if (table[c] == e) {
        table[c] = chainNext(e);
        return;
      }
      for (int p = table[c]; p != NONE; p = chainNext(p)) {
        if (chainNext(p) == e) {
          chainNext[p >>> SEGMENT_BITS][p & OFFSET_MASK] = chainNext(e);
          return;
        }
      }
    }

    private int chainNext(int e) {
      return chainNext[e >>> SEGMENT_BITS][e & OFFSET_MASK];
    }

    /** The heads that hold a fingerprint's chain: the doubled ones once its chain has moved. */
    private int[] headsOf(long fpHi) {
      int[] split = splitHeads;
      return split != null && chain(fpHi, heads.length) < splitNext ? split : heads;
    }

    /**
     * Room for one more entry: the last segment grows by a sixteenth (copying at most {@link
     * #SEGMENT} entries), or a new segment starts with a sixteenth of that; then, when the entries
     * outnumber twice the heads, the heads start doubling.
     */
    private void grow() {
      int last = (capacity - 1) >>> SEGMENT_BITS;
      int length = hi[last].length;
      if (length < SEGMENT) {
        resizeSegment(last, Math.min(SEGMENT, length + Math.max(1, length / 16)));
      } else {
        resizeSegment(last + 1, SEGMENT / 16);
      }
      int[] split = splitHeads;
      if (capacity > 2 * (split == null ? heads.length : split.length)) {
        if (split != null) {
          splitChains(heads.length); // the previous doubling first (no workload gets here)
        }
        int[] doubled = new int[heads.length * 2];
        Arrays.fill(doubled, NONE);
        splitHeads = doubled;
        splitNext = 0;
      }
    }

    /** Gives segment i a length (at most what maxSlots leaves), keeping its entries. */
    private void resizeSegment(int i, int length) {
      int bounded = Math.min(length, maxSlots - (i << SEGMENT_BITS));
      long[] oldHi = hi[i];
      int old = oldHi == null ? 0 : oldHi.length;
      hi[i] = Arrays.copyOf(oldHi == null ? new long[0] : oldHi, bounded);
      lo[i] = Arrays.copyOf(old == 0 ? new long[0] : lo[i], bounded);
      chainNext[i] = Arrays.copyOf(old == 0 ? new int[0] : chainNext[i], bounded);
      secondNext[i] = Arrays.copyOf(old == 0 ? new int[0] : secondNext[i], bounded);
      capacity += bounded - old;
    }

    /**
     * Moves up to {@code chains} chains of the heads being doubled to the doubled heads (each entry
     * of chain c goes to chain 2c or 2c + 1); the last one moved makes the doubled heads current.
     */
    private void splitChains(int chains) {
      int[] split = splitHeads;
      if (split == null) {
        return;
      }
      int end = Math.min(heads.length, splitNext + chains);
      for (int c = splitNext; c < end; c++) {
        for (int e = heads[c]; e != NONE; ) {
          int next = chainNext(e);
          int to = chain(hi[e >>> SEGMENT_BITS][e & OFFSET_MASK], split.length);
          chainNext[e >>> SEGMENT_BITS][e & OFFSET_MASK] = split[to];
          split[to] = e;
          e = next;
        }
        heads[c] = NONE;
      }
      splitNext = end;
      if (end == heads.length) {
        heads = split;
        splitHeads = null;
        splitNext = 0;
      }
    }

    synchronized boolean contains(long fpHi, long fpLo) {
      return find(fpHi, fpLo, Math.floorDiv(clock.millis(), 1000L)) != NONE;
    }

    synchronized boolean headsDoubling() {
      return splitHeads != null;
    }

    synchronized int backlog() {
      return backlog;
    }

    synchronized long arrayBytes() {
      int[] split = splitHeads;
      return 24L * capacity + 4L * heads.length + (split == null ? 0 : 4L * split.length);
    }
  }

  /**
   * Maps 32 high bits of a fingerprint word to [0, n) without division (Lemire's multiply-shift).
   */
  private static int chain(long word, int n) {
    return (int) (((word >>> 32) * n) >>> 32);
  }

  /**
   * The fingerprint of a pair: SipHash-2-4-128, under the store's key, of the key id's length (4
   * bytes), the key id and the nonce in UTF-8. It allocates one small array for the bytes and
   * nothing per thread, so that no thread of a container keeps an object of this library.
   */
  private long[] fingerprint(String keyId, String nonce) {
    byte[] in = new byte[4 + 3 * keyId.length() + 3 * nonce.length()];
    int idEnd = utf8(keyId, in, 4);
    int idLength = idEnd - 4;
    for (int i = 0; i < 4; i++) {
      in[i] = (byte) (idLength >>> (24 - 8 * i));
    }
    int end = utf8(nonce, in, idEnd);
    long[] out = new long[2];
    sip.hash(in, 0, end, out);
    return out;
  }

  /** Writes s in UTF-8 at off (room for 3 bytes a char is there); returns the end. */
  private static int utf8(String s, byte[] to, int off) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) { // not ASCII (never in a protocol key id or nonce): the general way
        byte[] b = s.getBytes(StandardCharsets.UTF_8); // the whole string, from off again
        System.arraycopy(b, 0, to, off, b.length);
        return off + b.length;
      }
      to[off + i] = (byte) c;
    }
    return off + n;
  }

  /**
   * The number of live nonces held.
   *
   * @return the size
   */
  public int size() {
    sweepAll();
    return size.get();
  }

  /**
   * The live nonces held for one key id.
   *
   * @param keyId the key id
   * @return the count
   */
  public int size(String keyId) {
    sweepAll();
    AtomicInteger count = keyCounts.get(keyId);
    return count == null ? 0 : Math.max(0, count.get());
  }

  /** Tells whether a pair is live here, changing nothing: no sweep, no chain moved (tests). */
  boolean contains(String keyId, String nonce) {
    long[] fingerprint = fingerprint(keyId, nonce);
    return stripes[chain(fingerprint[1], stripes.length)].contains(fingerprint[0], fingerprint[1]);
  }

  /** Tells whether the chain heads of a stripe are doubling, a few chains per call (tests). */
  boolean headsDoubling() {
    return Arrays.stream(stripes).anyMatch(Stripe::headsDoubling);
  }

  /** Entries of passed seconds not yet unlinked (tests). */
  int unlinkBacklog() {
    return Arrays.stream(stripes).mapToInt(Stripe::backlog).sum();
  }

  /**
   * The bytes held by the per-nonce arrays: at most {@value #BYTES_PER_SLOT} per slot, 30 while the
   * chain heads double (array headers and the fixed rings of {@value #RING_SECONDS} seconds aside).
   */
  long arrayBytes() {
    return Arrays.stream(stripes).mapToLong(Stripe::arrayBytes).sum();
  }

  /** The number of stripes, each with its own lock (tests). */
  int stripeCount() {
    return stripes.length;
  }

  /** The stripe a pair falls in (tests). */
  int stripeOf(String keyId, String nonce) {
    return chain(fingerprint(keyId, nonce)[1], stripes.length);
  }

  /**
   * The most live nonces this store keeps.
   *
   * @return the bound
   */
  public int maxEntries() {
    return maxEntries;
  }

  /**
   * The most live nonces one key id may hold.
   *
   * @return the share
   */
  public int maxEntriesPerKey() {
    return maxEntriesPerKey;
  }

  @Override
  public String toString() {
    return "InMemoryReplayStore[size="
        + size.get()
        + ", maxEntries="
        + maxEntries
        + ", maxEntriesPerKey="
        + maxEntriesPerKey
        + "]";
  }

  /** Builds an {@link InMemoryReplayStore}; every value is checked in {@link #build()}. */
  public static final class Builder {
    private int maxEntries = DEFAULT_CAPACITY;
    private @Nullable Integer maxEntriesPerKey;
    private InstantSource clock = InstantSource.system();
    private @Nullable Integer stripes;

    private Builder() {}

    /** The number of stripes instead of the default for maxEntries (tests of one layout). */
    Builder stripes(int stripes) {
      if (stripes < 1 || Integer.bitCount(stripes) != 1) {
        throw new IllegalArgumentException("stripes must be a power of two: " + stripes);
      }
      this.stripes = stripes;
      return this;
    }

    /**
     * The most live nonces kept, {@value #DEFAULT_CAPACITY} by default; about 27 bytes each (see
     * the class's Layout for the bound of the arrays).
     *
     * @param maxEntries at least 1
     * @return this builder
     */
    public Builder maxEntries(int maxEntries) {
      this.maxEntries = maxEntries;
      return this;
    }

    /**
     * The most live nonces one key id may hold; four fifths of {@link #maxEntries(int)} by default.
     *
     * @param maxEntriesPerKey between 1 and maxEntries
     * @return this builder
     */
    public Builder maxEntriesPerKey(int maxEntriesPerKey) {
      this.maxEntriesPerKey = maxEntriesPerKey;
      return this;
    }

    /**
     * The clock that decides which nonces have expired; the system clock by default. Use the
     * verifier's clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the store.
     *
     * @return the store
     * @throws HmacConfigurationException if a bound is out of range
     */
    public InMemoryReplayStore build() {
      return new InMemoryReplayStore(this);
    }
  }
}
