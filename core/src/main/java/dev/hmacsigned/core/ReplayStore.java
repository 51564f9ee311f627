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
 * <p><b>The retention rule, for every store.</b> The verifier accepts a timestamp while {@code
 * |now_seconds − timestamp| ≤ skew}, in whole seconds, that is at every instant before {@code
 * timestamp + skew + 1 s}. It therefore passes {@code expiresAt = timestamp + skew + 1 s}, and a
 * store MUST keep the record at every instant {@code now < expiresAt}; it may forget it at {@code
 * now >= expiresAt}, never earlier. A store that rounds must round the expiry up (Redis: {@code SET
 * key 1 NX PXAT expiresAt.toEpochMilli()} or {@code EXAT} of the second rounded up; JCache: a
 * {@code CreatedExpiryPolicy} of {@code expiresAt − now} rounded up to the store's unit). A store
 * on a clock of its own (a Redis server) must allow for the difference between that clock and the
 * verifier's, by keeping records longer, never shorter.
 *
 * <pre>{@code
 * ReplayStore store = InMemoryReplayStore.builder().maxEntries(1_000_000).build();
 * }</pre>
 */
@FunctionalInterface
public interface ReplayStore {

  /**
   * Atomically records a nonce unless it is already recorded and not yet expired.
   *
   * @param keyId the key id of the request
   * @param nonce the nonce of the request
   * @param expiresAt the first instant at which the record may be forgotten: the request's
   *     timestamp plus the allowed skew plus 1 s, from which on the timestamp check alone rejects a
   *     replay; the record MUST be kept while {@code now < expiresAt}
   * @return {@code true} if this call recorded it (first use), {@code false} if it was already
   *     there
   * @throws ReplayStoreUnavailableException if the store cannot tell, or will not record it (full,
   *     or the key over its share); the request is then rejected with 503 and {@code Retry-After}
   *     (fail closed)
   */
  boolean recordIfAbsent(String keyId, String nonce, Instant expiresAt);
}
