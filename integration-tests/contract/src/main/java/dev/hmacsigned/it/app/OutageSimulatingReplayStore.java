package dev.hmacsigned.it.app;

import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.InMemoryReplayStore;
import dev.hmacsigned.core.ReplayStore;
import dev.hmacsigned.core.ReplayStoreProvider;
import dev.hmacsigned.core.ReplayStoreUnavailableException;
import java.time.Instant;

/**
 * The replay store of the contract application, installed the way a Redis or JCache store would be
 * (a {@link ReplayStoreProvider} listed in {@code META-INF/services}, chosen by {@code
 * hmac.replay.store}). It is the in-memory store, except that it cannot answer for requests signed
 * with the key {@link #OUTAGE_KEY_ID}: that is how the suite sees a store outage on a real server
 * without breaking the store for every other test. The key is in the contract's keys file like any
 * other; only the store treats it differently.
 */
public final class OutageSimulatingReplayStore implements ReplayStoreProvider {
  /** The value of {@code hmac.replay.store} that selects this store. */
  public static final String NAME = "contract-outage-simulation";

  /** The id of the key whose requests find the store unavailable. */
  public static final String OUTAGE_KEY_ID = "replay-store-outage";

  /** The constructor {@link java.util.ServiceLoader} calls. */
  public OutageSimulatingReplayStore() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ReplayStore create(HmacConfig config) {
    InMemoryReplayStore memory = InMemoryReplayStore.create();
    return (String keyId, String nonce, Instant expiresAt) -> {
      if (keyId.equals(OUTAGE_KEY_ID)) {
        throw new ReplayStoreUnavailableException("simulated outage of the replay store");
      }
      return memory.recordIfAbsent(keyId, nonce, expiresAt);
    };
  }
}
