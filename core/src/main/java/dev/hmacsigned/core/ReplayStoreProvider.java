package dev.hmacsigned.core;

/**
 * Makes a {@link ReplayStore} available by name to configuration ({@code hmac.replay.store}). A jar
 * that brings a store (Redis, JCache…) lists its provider in {@code
 * META-INF/services/dev.hmacsigned.core.ReplayStoreProvider}; the adapters then find it by {@link
 * java.util.ServiceLoader} when {@code hmac.replay.store} names it. The built-in name is {@code
 * memory}.
 */
public interface ReplayStoreProvider {

  /**
   * The name used in {@code hmac.replay.store}.
   *
   * @return for example {@code redis}
   */
  String name();

  /**
   * Creates the store, reading any settings it needs (for example {@code hmac.replay.redis.uri}).
   *
   * @param config the same configuration lookup the adapter uses
   * @return the store
   * @throws HmacConfigurationException if the store's settings are missing or invalid
   */
  ReplayStore create(HmacConfig config);
}
