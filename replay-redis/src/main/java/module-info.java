/**
 * hmac-signed's replay store on Redis ({@code hmac.replay.store=redis}): one {@code SET NX PX} per
 * verified request, through Lettuce.
 */
module dev.hmacsigned.replay.redis {
  requires transitive dev.hmacsigned.core;
  // Lettuce's automatic module name; Netty and Reactor come with it.
  requires lettuce.core;
  requires static transitive org.jspecify;

  exports dev.hmacsigned.replay.redis;

  provides dev.hmacsigned.core.ReplayStoreProvider with
      dev.hmacsigned.replay.redis.RedisReplayStoreProvider;
}
