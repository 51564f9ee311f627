package dev.hmacsigned.replay.jcache;

import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.ReplayStore;
import dev.hmacsigned.core.ReplayStoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;

/**
 * A {@link ReplayStore} on a JSR-107 cache: {@code putIfAbsent} on a cache whose entries expire a
 * fixed time after their creation ({@link CreatedExpiryPolicy}). With a distributed provider, the
 * nodes of a cluster share it: Hazelcast (built into Payara), Infinispan (WildFly), or any other,
 * with no code of ours.
 *
 * <pre>{@code
 * CacheManager manager = Caching.getCachingProvider().getCacheManager();
 * JCacheReplayStore store =
 *     JCacheReplayStore.builder(manager).clockSkew(Duration.ofMinutes(5)).build();
 * HmacVerifier verifier = HmacVerifier.builder(keys).replayStore(store).build();
 * }</pre>
 *
 * <p>Most applications configure it instead: {@code hmac.replay.store=jcache} (see {@link
 * JCacheReplayStoreProvider}).
 *
 * <p><b>Expiry.</b> JCache sets one expiry for the whole cache, not one per entry, so every record
 * lives for the longest life a record may need: {@code 2 × skew + 1 s + margin}. The verifier
 * passes {@code expiresAt = timestamp + skew + 1 s}, at most {@code now + 2 × skew + 1 s} (a
 * timestamp skew ahead of this node's clock); the margin (default 5 s) covers clock differences
 * between nodes. The store refuses (fails closed) a record whose {@code expiresAt} the cache's
 * expiry would not reach, which happens only if the verifier's skew is larger than the store's: a
 * misconfiguration, reported in the message. A cache that exists already (configured by the
 * runtime) is used as it is, provided its expiry for creation is at least that long.
 *
 * <p><b>Keys.</b> {@code <length of the key id>:<key id>:<nonce>}: the length makes the pair
 * unambiguous whatever characters the key id holds. The cache should hold nothing else.
 *
 * <p><b>Failures.</b> Any exception of the cache (a member lost, a partition not owned, a timeout
 * of the provider) becomes {@link ReplayStoreUnavailableException}: the request is rejected with
 * 503 {@code replay_store_unavailable}. JCache has no timeout of its own: how long a call may wait
 * is the provider's setting (Hazelcast: {@code hazelcast.client.invocation.timeout.seconds} for a
 * client, the operation call timeout for a member; Infinispan: its remote timeout).
 */
public final class JCacheReplayStore implements ReplayStore {
  /** The default cache name. */
  public static final String DEFAULT_CACHE_NAME = "hmac-replay";

  /** The default margin added to every record's life for clock differences between nodes. */
  public static final Duration DEFAULT_CLOCK_MARGIN = Duration.ofSeconds(5);

  private final Cache<String, Boolean> cache;
  private final Duration life;
  private final InstantSource clock;

  private JCacheReplayStore(Cache<String, Boolean> cache, Duration life, InstantSource clock) {
    this.cache = cache;
    this.life = life;
    this.clock = clock;
  }

  /**
   * A builder for a store on a cache of this manager, created if it does not exist.
   *
   * @param manager the cache manager of the provider
   * @return the builder
   */
  public static Builder builder(CacheManager manager) {
    return new Builder(manager);
  }

  /**
   * Records the nonce with {@code putIfAbsent}.
   *
   * @throws ReplayStoreUnavailableException if the cache fails, or if its expiry would forget the
   *     record before {@code expiresAt}
   */
  @Override
  public boolean recordIfAbsent(String keyId, String nonce, Instant expiresAt) {
    Instant now = clock.instant();
    if (expiresAt.isAfter(now.plus(life))) {
      throw new ReplayStoreUnavailableException(
          "JCache replay store '"
              + cache.getName()
              + "': a record must live until "
              + expiresAt
              + " but the cache keeps it "
              + life.toMillis()
              + " ms: the verifier's skew is larger than the store's (hmac.clock-skew)");
    }
    try {
      return cache.putIfAbsent(key(keyId, nonce), Boolean.TRUE);
    } catch (RuntimeException e) {
      throw new ReplayStoreUnavailableException(
          "JCache replay store '"
              + cache.getName()
              + "': "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()),
          e);
    }
  }

  /** The cache key of a (key id, nonce) pair. */
  static String key(String keyId, String nonce) {
    return keyId.length() + ":" + keyId + ':' + nonce;
  }

  /**
   * How long each record lives.
   *
   * @return {@code 2 × skew + 1 s + margin}, or the existing cache's longer expiry
   */
  public Duration recordLife() {
    return life;
  }

  @Override
  public String toString() {
    return "JCacheReplayStore[" + cache.getName() + ", records live " + life.toMillis() + " ms]";
  }

  /** Settings of a {@link JCacheReplayStore}; {@link #build} checks them and gets the cache. */
  public static final class Builder {
    private final CacheManager manager;
    private String cacheName = DEFAULT_CACHE_NAME;
    private Duration clockSkew = Duration.ofSeconds(300);
    private Duration clockMargin = DEFAULT_CLOCK_MARGIN;
    private InstantSource clock = InstantSource.system();

    private Builder(CacheManager manager) {
      this.manager = Objects.requireNonNull(manager, "manager");
    }

    /**
     * The cache's name; default {@code hmac-replay}.
     *
     * @param cacheName the name
     * @return this builder
     */
    public Builder cacheName(String cacheName) {
      this.cacheName = Objects.requireNonNull(cacheName, "cacheName");
      return this;
    }

    /**
     * The verifier's allowed clock skew ({@code hmac.clock-skew}); default 300 s, the verifier's.
     *
     * @param clockSkew the skew
     * @return this builder
     */
    public Builder clockSkew(Duration clockSkew) {
      this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
      return this;
    }

    /**
     * The time added to every record's life for clock differences between nodes; default 5 s.
     *
     * @param clockMargin from 0 to 1 hour
     * @return this builder
     */
    public Builder clockMargin(Duration clockMargin) {
      this.clockMargin = Objects.requireNonNull(clockMargin, "clockMargin");
      return this;
    }

    /**
     * The clock {@code expiresAt} is compared with; the verifier's, in tests.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Gets the cache, or creates it with a {@link CreatedExpiryPolicy} of {@code 2 × skew + 1 s +
     * margin}.
     *
     * @return the store
     * @throws HmacConfigurationException if a setting is invalid, or the existing cache forgets
     *     records sooner than that
     */
    public JCacheReplayStore build() {
      if (clockSkew.isNegative() || clockMargin.isNegative()) {
        throw new HmacConfigurationException(
            "The JCache replay store's skew and clock margin must not be negative.");
      }
      if (clockMargin.compareTo(Duration.ofHours(1)) > 0) {
        throw new HmacConfigurationException(
            "The JCache replay store's clock margin must be at most 1 hour; got "
                + clockMargin
                + ".");
      }
      Duration life = clockSkew.multipliedBy(2).plusSeconds(1).plus(clockMargin);
      Cache<String, Boolean> cache = cache(life);
      Duration configured = creationExpiry(cache);
      if (configured.compareTo(life) < 0) {
        throw new HmacConfigurationException(
            "The cache '"
                + cacheName
                + "' forgets entries "
                + configured.toMillis()
                + " ms after their creation; the replay store needs at least "
                + life.toMillis()
                + " ms (2 x hmac.clock-skew + 1 s + margin): configure its expiry longer.");
      }
      return new JCacheReplayStore(cache, configured, clock);
    }

    private Cache<String, Boolean> cache(Duration life) {
      try {
        Cache<String, Boolean> existing = manager.getCache(cacheName, String.class, Boolean.class);
        if (existing != null) {
          return existing;
        }
        MutableConfiguration<String, Boolean> config =
            new MutableConfiguration<String, Boolean>()
                .setTypes(String.class, Boolean.class)
                .setStoreByValue(true)
                .setStatisticsEnabled(false)
                .setExpiryPolicyFactory(
                    CreatedExpiryPolicy.factoryOf(
                        new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, life.toMillis())));
        try {
          return manager.createCache(cacheName, config);
        } catch (javax.cache.CacheException e) {
          // Another node or thread created it meanwhile.
          Cache<String, Boolean> created = manager.getCache(cacheName, String.class, Boolean.class);
          if (created == null) {
            throw e;
          }
          return created;
        }
      } catch (RuntimeException e) {
        throw new HmacConfigurationException(
            "The JCache replay store cannot get the cache '"
                + cacheName
                + "' ("
                + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + "); it must hold String keys and Boolean values.");
      }
    }

    /** The cache's expiry for creation; an eternal cache is refused (it would only grow). */
    private Duration creationExpiry(Cache<String, Boolean> cache) {
      @SuppressWarnings("unchecked")
      CompleteConfiguration<String, Boolean> config =
          cache.getConfiguration(CompleteConfiguration.class);
      ExpiryPolicy policy = config.getExpiryPolicyFactory().create();
      javax.cache.expiry.Duration created = policy.getExpiryForCreation();
      if (created == null || created.isEternal()) {
        throw new HmacConfigurationException(
            "The cache '"
                + cacheName
                + "' never expires its entries, so the replay store would grow without bound:"
                + " give it a created-expiry policy of at least 2 x hmac.clock-skew + 1 s +"
                + " margin.");
      }
      if (created.isZero()) {
        return Duration.ZERO;
      }
      return Duration.ofMillis(created.getTimeUnit().toMillis(created.getDurationAmount()));
    }
  }
}
