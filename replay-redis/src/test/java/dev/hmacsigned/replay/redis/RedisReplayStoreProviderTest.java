package dev.hmacsigned.replay.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.ReplayStore;
import dev.hmacsigned.testing.RedisServerProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hmac.replay.store=redis} through core's configuration and {@link java.util.ServiceLoader}.
 */
class RedisReplayStoreProviderTest {
  @TempDir Path dir;

  private static HmacConfig config(Map<String, String> properties) {
    Map<String, String> all = new HashMap<>(properties);
    all.put("hmac.replay.store", "redis");
    return HmacConfig.lookup(all::get);
  }

  @Test
  void replayStore_redisConfigured_isFoundAndRecordsWithThePrefix() throws IOException {
    try (RedisServerProcess redis = RedisServerProcess.start(dir)) {
      ReplayStore store =
          config(
                  Map.of(
                      "hmac.replay.redis.uri", redis.uri(),
                      "hmac.replay.redis.timeout", "250",
                      "hmac.replay.redis.key-prefix", "app1:"))
              .replayStore();
      try {
        assertThat(store)
            .isInstanceOf(RedisReplayStore.class)
            .hasToString("RedisReplayStore[" + redis.uri() + ", timeout 250 ms]");
        assertThat(store.recordIfAbsent("k", "n", Instant.now().plusSeconds(30))).isTrue();
        assertThat(store.recordIfAbsent("k", "n", Instant.now().plusSeconds(30))).isFalse();
        assertThat(redis.command("EXISTS", "app1:1:k:n")).isEqualTo("1");
      } finally {
        ((RedisReplayStore) store).close();
      }
    }
  }

  @Test
  void replayStore_withoutUri_saysWhichPropertyIsMissing() {
    assertThatThrownBy(() -> config(Map.of()).replayStore())
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("hmac.replay.redis.uri");
  }

  @Test
  void replayStore_invalidNumbers_refused() {
    assertThatThrownBy(
            () ->
                config(
                        Map.of(
                            "hmac.replay.redis.uri", "redis://127.0.0.1:1",
                            "hmac.replay.redis.timeout", "100ms"))
                    .replayStore())
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("hmac.replay.redis.timeout must be a whole number");
    assertThatThrownBy(
            () ->
                config(
                        Map.of(
                            "hmac.replay.redis.uri", "redis://127.0.0.1:1",
                            "hmac.replay.redis.clock-margin", "-1"))
                    .replayStore())
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("clock margin");
  }
}
