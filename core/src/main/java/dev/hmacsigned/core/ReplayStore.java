package dev.hmacsigned.core;

import java.time.Instant;

/**
 * Remembers which (key id, nonce) pairs have been accepted, so that a captured request cannot be
 * sent again. The verifier calls it only for requests whose signature and body have verified, so an
 * unauthenticated caller can never fill it.
 *
 * <p>A cluster needs a shared store (Redis, JCache…): implement this one method with the store's
 * atomic "set if absent with expiry" (for example Redis {@code SET key 1 NX EXAT expiry}); nothing
 * else in the library changes.
 *
 * <pre>{@code
 * ReplayStore store = InMemoryReplayStore.withCapacity(1_000_000);
 * }</pre>
 */
@FunctionalInterface
public interface ReplayStore {

  /**
   * Atomically records a nonce unless it is already recorded and not yet expired.
   *
   * @param keyId the key id of the request
   * @param nonce the nonce of the request
   * @param expiresAt when the record may be forgotten: the request's timestamp plus the allowed
   *     skew, after which the timestamp check alone rejects a replay
   * @return {@code true} if this call recorded it (first use), {@code false} if it was already
   *     there
   * @throws ReplayStoreUnavailableException if the store cannot tell; the request is then rejected
   *     with 503 (fail closed)
   */
  boolean recordIfAbsent(String keyId, String nonce, Instant expiresAt);
}
