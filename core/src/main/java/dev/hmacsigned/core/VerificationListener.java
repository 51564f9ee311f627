package dev.hmacsigned.core;

import java.util.List;

/**
 * Observes verifications, for logs and metrics. Called on the request thread: keep it quick and let
 * it not throw.
 *
 * <p>A verifier has the {@link #logging()} listener unless told otherwise; more are added with
 * {@link HmacVerifier.Builder#addListener(VerificationListener)}, or by configuration: a jar that
 * lists a {@link VerificationListenerProvider} in {@code
 * META-INF/services/dev.hmacsigned.core.VerificationListenerProvider} (such as {@code
 * hmac-signed-micrometer} or {@code hmac-signed-opentelemetry}) is installed beside the log by
 * every adapter configured from {@link HmacConfig}, as {@value HmacConfig#LISTENERS} says.
 *
 * <p>Each verdict carries what a metrics listener records: {@link
 * VerificationResult#elapsedNanos()}, {@link VerificationResult#clockSkewSeconds()}, the body's
 * size ({@link VerificationResult.Verified#body()}), the {@link VerificationResult.Rejected#code()
 * code} and whether the key id is {@link VerificationResult.Rejected#keyInRing() in the ring}.
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
   * Called once by {@link HmacVerifier.Builder#build()}, before any request, with the verifier's
   * key source: a metrics listener registers its key-state gauges (active keys, days left before
   * each key's not-after) on it here.
   *
   * @param keySource the keys the verifier checks requests against
   */
  default void onVerifierBuilt(KeySource keySource) {}

  /**
   * A listener that tells each of the given listeners, in order. One that throws is logged at
   * {@code WARNING} and the others are told all the same.
   *
   * @param listeners the listeners
   * @return the one listener itself when there is one; a listener that does nothing when there is
   *     none
   */
  static VerificationListener of(List<VerificationListener> listeners) {
    List<VerificationListener> copy = List.copyOf(listeners);
    if (copy.size() == 1) {
      return copy.get(0);
    }
    return new CompositeListener(copy);
  }

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
