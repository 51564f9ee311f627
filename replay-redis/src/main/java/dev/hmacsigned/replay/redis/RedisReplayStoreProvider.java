package dev.hmacsigned.replay.redis;

import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.ReplayStore;
import dev.hmacsigned.core.ReplayStoreProvider;
import java.time.Duration;

/**
 * {@code hmac.replay.store=redis}: a {@link RedisReplayStore} configured by properties (system
 * properties, the environment as {@code HMAC_REPLAY_REDIS_URI}…, or the framework's configuration),
 * found by {@link java.util.ServiceLoader} when this jar is on the class or module path.
 *
 * <pre>
 * hmac.replay.store=redis
 * hmac.replay.redis.uri=rediss://hmac:PASSWORD@redis.internal:6379   # required
 * hmac.replay.redis.timeout=100           # milliseconds, default 100
 * hmac.replay.redis.clock-margin=5        # seconds, default 5
 * hmac.replay.redis.key-prefix=hmac:replay:
 * </pre>
 */
public final class RedisReplayStoreProvider implements ReplayStoreProvider {
  /** {@code redis[s]://[[user]:password@]host[:port][/database]}; required. */
  public static final String URI = "hmac.replay.redis.uri";

  /** Milliseconds a request waits for Redis at most; default 100. */
  public static final String TIMEOUT = "hmac.replay.redis.timeout";

  /** Seconds added to every record's life for clock differences between nodes; default 5. */
  public static final String CLOCK_MARGIN = "hmac.replay.redis.clock-margin";

  /** The prefix of every key; default {@code hmac:replay:}. */
  public static final String KEY_PREFIX = "hmac.replay.redis.key-prefix";

  /** Creates the provider; {@link java.util.ServiceLoader} does. */
  public RedisReplayStoreProvider() {
    // nothing to set up: the store is made by create
  }

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public ReplayStore create(HmacConfig config) {
    String uri =
        config
            .get(URI)
            .orElseThrow(
                () ->
                    new HmacConfigurationException(
                        "hmac.replay.store=redis needs "
                            + URI
                            + " (redis://host:6379, or rediss://user:password@host:6379 for TLS"
                            + " and an ACL user)."));
    RedisReplayStore.Builder builder = RedisReplayStore.builder(uri);
    config.getLong(TIMEOUT).ifPresent(v -> builder.timeout(Duration.ofMillis(v)));
    config.getLong(CLOCK_MARGIN).ifPresent(v -> builder.clockMargin(Duration.ofSeconds(v)));
    // A blank value reads as unset; an empty prefix is only possible through the builder.
    config.get(KEY_PREFIX).ifPresent(builder::keyPrefix);
    return builder.build();
  }
}
