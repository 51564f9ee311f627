/**
 * A replay store on Redis, shared by the nodes of a cluster: {@link
 * dev.hmacsigned.replay.redis.RedisReplayStore}, configured with {@code hmac.replay.store=redis}
 * through {@link dev.hmacsigned.replay.redis.RedisReplayStoreProvider}.
 */
@NullMarked
package dev.hmacsigned.replay.redis;

import org.jspecify.annotations.NullMarked;
