package dev.hmacsigned.core;

/**
 * Observes verifications, for logs and metrics. Called on the request thread: keep it quick and let
 * it not throw.
 *
 * <p>The default, {@link #logging()}, writes each rejection to the {@code System.Logger} named
 * {@code dev.hmacsigned} with the detailed reason, key id, method, path and remote address, and on
 * a signature mismatch the {@link VerificationResult.Rejected#canonicalFingerprint() fingerprint}
 * of the canonical string the server computed: never a secret, signature, canonical string or body.
 */
public interface VerificationListener {

  /**
   * Called after a request verified.
   *
   * @param result the result
   * @param request the request
   */
  default void onVerified(VerificationResult.Verified result, RequestView request) {}

  /**
   * Called after a request was rejected.
   *
   * @param result the result
   * @param request the request
   */
  default void onRejected(VerificationResult.Rejected result, RequestView request) {}

  /**
   * The default listener: rejections at {@code INFO} (a failing store at {@code WARNING}),
   * successes at {@code DEBUG}. Rejections are rate-limited: per key id and code, the first 10 of
   * each minute are logged, and a summary line gives the count of the others.
   *
   * @return the logging listener
   */
  static VerificationListener logging() {
    return LoggingListener.INSTANCE;
  }
}
