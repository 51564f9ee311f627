package dev.hmacsigned.micrometer;

import dev.hmacsigned.core.VerificationListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * Micrometer meters for the servers of hmac-signed: a {@link VerificationListener} that records
 * every verdict of the verifier it is installed on.
 *
 * <pre>{@code
 * // In code, beside the log:
 * HmacVerifier verifier = HmacVerifier.builder()
 *     .keySource(KeySource.keysFile(Path.of("/etc/hmac/keys.properties")))
 *     .addListener(HmacMicrometer.verificationListener(registry))
 *     .build();
 * resourceConfig.register(HmacServerFeature.builder()
 *     .keysFile(Path.of("/etc/hmac/keys.properties"))
 *     .addListener(HmacMicrometer.verificationListener(registry))
 *     .build());
 *
 * // Without code: the jar on the class path is enough. Every adapter configured from hmac.*
 * // settings installs it (hmac.listeners=auto, the default) on Metrics.globalRegistry, where
 * // Spring Boot and Quarkus add their registries.
 * }</pre>
 *
 * <p>The meters (Prometheus names in brackets):
 *
 * <ul>
 *   <li>{@value #REQUESTS} [{@code hmac_server_requests_total}], a counter tagged {@code outcome}
 *       ({@code verified} or {@code rejected}), {@code code} (the public rejection code, {@code
 *       none} when verified), {@code reason} (the detailed reason in lower case, {@code none} when
 *       verified) and {@code key_id}: the key id when it is one of the ring's, else {@code
 *       unknown}, so that a client cannot create series at will;
 *   <li>{@value #VERIFICATION} [{@code hmac_server_verification_seconds}], a timer of the
 *       verification latency (from the verifier's start to its verdict, body and replay store
 *       included) tagged {@code outcome}, with histogram buckets from 100 µs to 5 s;
 *   <li>{@value #CLOCK_SKEW} [{@code hmac_server_clock_skew_seconds}], a distribution of the signed
 *       clock skew of every request whose timestamp was read (rejected ones included) in seconds:
 *       the size in the buckets 1 s to 900 s, the sign in the tag {@code direction} ({@code past}:
 *       the request's timestamp is behind the server's clock; {@code future}: ahead of it);
 *   <li>{@value #BODY_SIZE} [{@code hmac_server_body_size_bytes}], a distribution of the sizes of
 *       verified bodies, in bytes;
 *   <li>{@value #ACTIVE_KEYS} [{@code hmac_keys_active}], a gauge of the keys of the ring usable
 *       now (active and not past their not-after);
 *   <li>{@value #KEY_VALIDITY} [{@code hmac_key_validity_remaining_days}], a gauge per active key
 *       with a not-after, tagged {@code key_id}: the days left before it (negative once past). It
 *       follows the ring as the verifier sees it: a key added to or removed from a keys file shows
 *       here with the next request.
 * </ul>
 *
 * <p>Cost: the counters and distributions are created once per tag set and then only incremented;
 * nothing is looked up by name per request. Security: no tag carries a secret, a signature, a
 * nonce, a path or a key id the ring does not hold.
 */
public final class HmacMicrometer {
  /** The counter of verdicts. */
  public static final String REQUESTS = "hmac.server.requests";

  /** The timer of the verification latency. */
  public static final String VERIFICATION = "hmac.server.verification";

  /** The distribution of the signed clock skew, in seconds. */
  public static final String CLOCK_SKEW = "hmac.server.clock.skew";

  /** The distribution of verified body sizes, in bytes. */
  public static final String BODY_SIZE = "hmac.server.body.size";

  /** The gauge of usable keys. */
  public static final String ACTIVE_KEYS = "hmac.keys.active";

  /** The gauge of days left before each active key's not-after. */
  public static final String KEY_VALIDITY = "hmac.key.validity.remaining";

  private HmacMicrometer() {}

  /**
   * A listener that records every verdict in the registry. The key gauges are registered when a
   * verifier is built with it; install one listener per verifier (the gauges are those of the first
   * verifier a registry saw when two share one).
   *
   * @param registry the registry, for example {@code Metrics.globalRegistry}
   * @return the listener
   */
  public static VerificationListener verificationListener(MeterRegistry registry) {
    return new ServerMeters(Objects.requireNonNull(registry, "registry"));
  }
}
