/**
 * hmac-signed's replay store on JSR-107 caches ({@code hmac.replay.store=jcache}): {@code
 * putIfAbsent} on a cache with a created-expiry policy.
 */
module dev.hmacsigned.replay.jcache {
  requires transitive dev.hmacsigned.core;
  // The JSR-107 API (cache-api 1.1.1 names no module: its file name gives it one).
  requires transitive cache.api;
  requires static transitive org.jspecify;

  exports dev.hmacsigned.replay.jcache;

  uses javax.cache.spi.CachingProvider;

  provides dev.hmacsigned.core.ReplayStoreProvider with
      dev.hmacsigned.replay.jcache.JCacheReplayStoreProvider;
}
