package dev.hmacsigned.core;

/**
 * A {@link ReplayStore} cannot decide whether a nonce is new (full, unreachable, timed out). The
 * verifier fails closed: the request is rejected with {@code 503 replay_store_unavailable}.
 */
public final class ReplayStoreUnavailableException extends HmacException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message why the store cannot answer
   */
  public ReplayStoreUnavailableException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param message why the store cannot answer
   * @param cause the underlying failure
   */
  public ReplayStoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
