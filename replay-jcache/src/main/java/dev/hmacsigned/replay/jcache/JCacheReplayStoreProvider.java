package dev.hmacsigned.replay.jcache;

import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.ReplayStore;
import dev.hmacsigned.core.ReplayStoreProvider;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;

/**
 * {@code hmac.replay.store=jcache}: a {@link JCacheReplayStore} configured by properties, found by
 * {@link java.util.ServiceLoader} when this jar is on the class or module path.
 *
 * <pre>
 * hmac.replay.store=jcache
 * hmac.replay.jcache.cache=hmac-replay          # the cache's name, default hmac-replay
 * hmac.replay.jcache.provider=com.hazelcast.cache.HazelcastCachingProvider   # optional
 * hmac.replay.jcache.uri=...                     # optional: the provider's configuration URI
 * hmac.replay.jcache.clock-margin=5              # seconds, default 5
 * </pre>
 *
 * <p>Without a provider, JCache's default one is used ({@link Caching#getCachingProvider()}): the
 * one of the runtime when it has exactly one (Payara's Hazelcast). The skew is {@code
 * hmac.clock-skew}, as the verifier reads it, so that every record lives long enough.
 */
public final class JCacheReplayStoreProvider implements ReplayStoreProvider {
  /** The cache's name; default {@code hmac-replay}. */
  public static final String CACHE = "hmac.replay.jcache.cache";

  /** The class name of the {@link CachingProvider}; default JCache's default provider. */
  public static final String PROVIDER = "hmac.replay.jcache.provider";

  /** The provider's configuration URI; default the provider's default URI. */
  public static final String URI_PROPERTY = "hmac.replay.jcache.uri";

  /** Seconds added to every record's life for clock differences between nodes; default 5. */
  public static final String CLOCK_MARGIN = "hmac.replay.jcache.clock-margin";

  /** Creates the provider; {@link java.util.ServiceLoader} does. */
  public JCacheReplayStoreProvider() {
    // nothing to set up: the store is made by create
  }

  @Override
  public String name() {
    return "jcache";
  }

  @Override
  public ReplayStore create(HmacConfig config) {
    ClassLoader loader = JCacheReplayStoreProvider.class.getClassLoader();
    CachingProvider provider;
    try {
      Optional<String> name = config.get(PROVIDER);
      provider =
          name.isPresent()
              ? Caching.getCachingProvider(name.get(), loader)
              : Caching.getCachingProvider(loader);
    } catch (RuntimeException e) {
      throw new HmacConfigurationException(
          "hmac.replay.store=jcache finds no JCache provider ("
              + e.getMessage()
              + "): put one on the class path, or name it with "
              + PROVIDER
              + ".");
    }
    URI uri = config.get(URI_PROPERTY).map(URI::create).orElse(provider.getDefaultURI());
    CacheManager manager = provider.getCacheManager(uri, loader);
    JCacheReplayStore.Builder builder = JCacheReplayStore.builder(manager);
    config.get(CACHE).ifPresent(builder::cacheName);
    config.getLong(HmacConfig.CLOCK_SKEW).ifPresent(v -> builder.clockSkew(Duration.ofSeconds(v)));
    config.getLong(CLOCK_MARGIN).ifPresent(v -> builder.clockMargin(Duration.ofSeconds(v)));
    return builder.build();
  }
}
