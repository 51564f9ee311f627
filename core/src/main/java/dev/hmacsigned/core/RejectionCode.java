package dev.hmacsigned.core;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The stable public codes of protocol v1 §6, with their HTTP status. A caller sees only these; the
 * detailed {@link RejectionReason} stays in the server's log, so that a caller cannot probe which
 * of key, algorithm, MAC or body was wrong.
 */
public enum RejectionCode {
  /** No HMAC {@code Authorization} header. */
  MISSING_SIGNATURE(
      "missing_signature",
      401,
      "Sign the request: send an Authorization header with the HMAC-SHA256 or HMAC-SHA512 scheme."),
  /** The header is there but breaks a rule of protocol v1 §2. */
  MALFORMED_SIGNATURE(
      "malformed_signature",
      401,
      "The Authorization or Content-Digest header does not follow protocol v1: send exactly one"
          + " Authorization header with keyId, timestamp, nonce, headers and signature, and every"
          + " header it lists."),
  /** The timestamp is outside the allowed window. */
  STALE_TIMESTAMP(
      "stale_timestamp",
      401,
      "The timestamp is outside the allowed window: synchronize the client's clock and sign each"
          + " request just before sending it. The Date header of this response gives the server's"
          + " time."),
  /** The nonce was already used. */
  REPLAYED_NONCE(
      "replayed_nonce",
      401,
      "This nonce was already used: sign every request, retries included, with a fresh nonce."),
  /** Unknown, revoked or expired key, algorithm mismatch, MAC or body digest mismatch. */
  INVALID_SIGNATURE(
      "invalid_signature",
      401,
      "The signature does not verify: check the key id and secret, and that the signed method, raw"
          + " path, raw query, covered headers and body are exactly those sent."),
  /** The body is larger than the server verifies. */
  BODY_TOO_LARGE(
      "body_too_large",
      413,
      "The request body is larger than this server accepts for signed requests."),
  /** The replay store cannot answer; the server fails closed. */
  REPLAY_STORE_UNAVAILABLE(
      "replay_store_unavailable",
      503,
      "The server cannot check nonces right now: retry later with a fresh signature."),
  /**
   * The body is above the size kept in memory and the server cannot write it to a temporary file
   * (the directory is missing, not writable or full): a fault of the server, not of the request.
   */
  BODY_STORAGE_UNAVAILABLE(
      "body_storage_unavailable",
      503,
      "The server cannot store the request body right now: retry later with a fresh signature.");

  private final String code;
  private final int status;
  private final String advice;

  RejectionCode(String code, int status, String advice) {
    this.code = code;
    this.status = status;
    this.advice = advice;
  }

  /**
   * The code sent in the problem body, for example {@code invalid_signature}.
   *
   * @return the code
   */
  public String code() {
    return code;
  }

  /**
   * The HTTP status: 401, 413 or 503.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * What the caller should do, sent as the problem's {@code detail}. Safe to show to anyone.
   *
   * @return one or two sentences
   */
  public String advice() {
    return advice;
  }

  /**
   * Looks up a code by its wire form.
   *
   * @param code for example {@code stale_timestamp}; {@code null} gives empty
   * @return the code, or empty if unknown
   */
  public static Optional<RejectionCode> fromCode(@Nullable String code) {
    for (RejectionCode value : values()) {
      if (value.code.equals(code)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
