package dev.hmacsigned.core;

/**
 * Why a request was rejected, in more detail than a caller is told. Logged and passed to {@link
 * VerificationListener}s; each maps to one public {@link RejectionCode}.
 */
public enum RejectionReason {
  /** No {@code Authorization} header, or one with another scheme. */
  MISSING_AUTHORIZATION(RejectionCode.MISSING_SIGNATURE),
  /** More than one {@code Authorization} header. */
  MULTIPLE_AUTHORIZATION(RejectionCode.MALFORMED_SIGNATURE),
  /** The {@code Authorization} header breaks a rule of §2.1 (including the 8 KiB cap). */
  MALFORMED_AUTHORIZATION(RejectionCode.MALFORMED_SIGNATURE),
  /** A header listed in {@code headers} is not on the request. */
  COVERED_HEADER_MISSING(RejectionCode.MALFORMED_SIGNATURE),
  /**
   * A covered header has a character other than visible ASCII, space and tab, which servers decode
   * in different ways (protocol v1 §3.4).
   */
  COVERED_HEADER_NOT_ASCII(RejectionCode.MALFORMED_SIGNATURE),
  /** {@code Content-Digest} is not a valid RFC 9530 value. */
  MALFORMED_CONTENT_DIGEST(RejectionCode.MALFORMED_SIGNATURE),
  /**
   * A non-empty body, or one announced by {@code Content-Length} or {@code Transfer-Encoding},
   * without {@code Content-Digest} (protocol v1 §2.2).
   */
  CONTENT_DIGEST_MISSING(RejectionCode.MALFORMED_SIGNATURE),
  /** The timestamp is further from the server's clock than the allowed skew. */
  TIMESTAMP_OUT_OF_WINDOW(RejectionCode.STALE_TIMESTAMP),
  /** No key has this id. */
  UNKNOWN_KEY(RejectionCode.INVALID_SIGNATURE),
  /** The key is revoked. */
  KEY_REVOKED(RejectionCode.INVALID_SIGNATURE),
  /** The key is past its not-after instant. */
  KEY_EXPIRED(RejectionCode.INVALID_SIGNATURE),
  /** The scheme is not the key's algorithm (a downgrade attempt or a misconfigured client). */
  ALGORITHM_MISMATCH(RejectionCode.INVALID_SIGNATURE),
  /** The MAC does not match. */
  SIGNATURE_MISMATCH(RejectionCode.INVALID_SIGNATURE),
  /** The body does not hash to the signed digest. */
  BODY_DIGEST_MISMATCH(RejectionCode.INVALID_SIGNATURE),
  /** The body could not be read to the end (the client went away). */
  BODY_UNREADABLE(RejectionCode.INVALID_SIGNATURE),
  /**
   * The framework could not show the request as it was received: its request target or a header
   * cannot be read (Apache CXF, for one, refuses to build a request URI with some characters in the
   * query that its own HTTP layer let through).
   */
  REQUEST_UNREADABLE(RejectionCode.INVALID_SIGNATURE),
  /**
   * The body is above the memory threshold and its temporary file could not be created or written
   * (the directory is missing or not writable, or the file system is full): a fault of the server.
   */
  BODY_STORAGE_FAILED(RejectionCode.BODY_STORAGE_UNAVAILABLE),
  /** The body is longer than the limit. */
  BODY_TOO_LARGE(RejectionCode.BODY_TOO_LARGE),
  /** The (key id, nonce) pair was already accepted. */
  REPLAYED_NONCE(RejectionCode.REPLAYED_NONCE),
  /** The replay store could not answer. */
  REPLAY_STORE_UNAVAILABLE(RejectionCode.REPLAY_STORE_UNAVAILABLE);

  private final RejectionCode code;

  RejectionReason(RejectionCode code) {
    this.code = code;
  }

  /**
   * The public code a caller is told.
   *
   * @return the code
   */
  public RejectionCode code() {
    return code;
  }
}
