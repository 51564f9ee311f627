package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The replay store's settings, and what a client is told when the store refuses. */
class ReplayStoreSettingsTest {

  @Test
  void replayStore_maxEntriesSet_boundsTheMemoryStore() {
    HmacConfig config =
        HmacConfig.lookup(
            Map.of("hmac.replay.max-entries", "5000", "hmac.replay.max-entries-per-key", "1000")
                ::get,
            Map.of());
    InMemoryReplayStore store = (InMemoryReplayStore) config.replayStore();
    assertThat(store.maxEntries()).isEqualTo(5000);
    assertThat(store.maxEntriesPerKey()).isEqualTo(1000);
  }

  @Test
  void replayStore_onlyMaxEntriesSet_givesEachKeyFourFifths() {
    HmacConfig config = HmacConfig.lookup(Map.of("hmac.replay.max-entries", "5000")::get, Map.of());
    assertThat(((InMemoryReplayStore) config.replayStore()).maxEntriesPerKey()).isEqualTo(4000);
  }

  @Test
  void replayStore_maxEntriesFromTheEnvironment_isUsed() {
    HmacConfig config = HmacConfig.lookup(k -> null, Map.of("HMAC_REPLAY_MAX_ENTRIES", "7000"));
    assertThat(((InMemoryReplayStore) config.replayStore()).maxEntries()).isEqualTo(7000);
  }

  @Test
  void replayStore_maxEntriesFromOneToTheLargestInt_isAccepted() {
    for (int maxEntries : new int[] {1, Integer.MAX_VALUE}) {
      HmacConfig config =
          HmacConfig.lookup(
              Map.of("hmac.replay.max-entries", Integer.toString(maxEntries))::get, Map.of());
      assertThat(((InMemoryReplayStore) config.replayStore()).maxEntries()).isEqualTo(maxEntries);
    }
  }

  @Test
  void replayStore_maxEntriesNotANumberOrZero_isAConfigurationError() {
    for (String bad : new String[] {"lots", "0", "-1", "4294967296"}) {
      HmacConfig config = HmacConfig.lookup(Map.of("hmac.replay.max-entries", bad)::get, Map.of());
      assertThatThrownBy(config::replayStore)
          .as(bad)
          .isInstanceOf(HmacConfigurationException.class)
          .hasMessageContaining("hmac.replay.max-entries");
    }
  }

  @Test
  void replayStore_shareOverTheTotal_isAConfigurationError() {
    HmacConfig config =
        HmacConfig.lookup(
            Map.of("hmac.replay.max-entries", "10", "hmac.replay.max-entries-per-key", "11")::get,
            Map.of());
    assertThatThrownBy(config::replayStore).isInstanceOf(HmacConfigurationException.class);
  }

  @Test
  void rejectionResponse_storeUnavailable_saysRetryAfterOneSecond() {
    RejectionResponse response =
        RejectionResponse.of(RejectionCode.REPLAY_STORE_UNAVAILABLE, "api");
    assertThat(response.status()).isEqualTo(503);
    assertThat(response.headers("Retry-After")).containsExactly("1");
  }

  @Test
  void rejectionResponse_401_hasNoRetryAfter() {
    RejectionResponse response = RejectionResponse.of(RejectionCode.REPLAYED_NONCE, "api");
    assertThat(response.headers("Retry-After")).isEmpty();
  }
}
