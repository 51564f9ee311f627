package dev.hmacsigned.opentelemetry;

import dev.hmacsigned.core.VerificationListener;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;
import java.util.Objects;

/**
 * OpenTelemetry meters for the servers of hmac-signed, through {@code opentelemetry-api} only: a
 * {@link VerificationListener} that records every verdict of the verifier it is installed on. For
 * MicroProfile Telemetry and the OpenTelemetry Java agent, which bring the SDK and the exporter.
 *
 * <pre>{@code
 * // In code, with the application's OpenTelemetry (MicroProfile Telemetry injects one):
 * resourceConfig.register(HmacServerFeature.builder()
 *     .keysFile(Path.of("/etc/hmac/keys.properties"))
 *     .addListener(HmacOpenTelemetry.verificationListener(openTelemetry))
 *     .build());
 *
 * // Without code: the jar on the class path is enough. Every adapter configured from hmac.*
 * // settings installs it (hmac.listeners=auto, the default) on GlobalOpenTelemetry.
 * }</pre>
 *
 * <p>The instruments, of the meter {@value #SCOPE}, have the names of {@code
 * hmac-signed-micrometer}'s meters, and the units that make an OpenTelemetry Prometheus exporter
 * give the same Prometheus names, so that one set of alert rules serves both:
 *
 * <ul>
 *   <li>{@code hmac.server.requests}, a counter with the attributes {@code outcome} ({@code
 *       verified} or {@code rejected}), {@code code} ({@code none} when verified), {@code reason}
 *       ({@code none} when verified) and {@code key_id} ({@code unknown} for a key id the ring does
 *       not hold);
 *   <li>{@code hmac.server.verification}, a histogram of the verification latency in {@code s},
 *       attribute {@code outcome}, buckets from 100 µs to 5 s;
 *   <li>{@code hmac.server.clock.skew}, a histogram of the size of the signed clock skew in {@code
 *       s}, its sign in the attribute {@code direction} ({@code past} or {@code future}), buckets 1
 *       s to 900 s;
 *   <li>{@code hmac.server.body.size}, a histogram of verified body sizes in {@code By};
 *   <li>{@code hmac.keys.active}, an asynchronous gauge of the keys usable now;
 *   <li>{@code hmac.key.validity.remaining}, an asynchronous gauge in {@code d} per active key with
 *       a not-after, attribute {@code key_id}: the days left before it, read from the ring at each
 *       collection.
 * </ul>
 *
 * <p>Security: no attribute carries a secret, a signature, a nonce, a path or a key id the ring
 * does not hold.
 */
public final class HmacOpenTelemetry {
  /** The instrumentation scope of the meters. */
  public static final String SCOPE = "dev.hmacsigned";

  private HmacOpenTelemetry() {}

  /**
   * A listener that records every verdict with the given OpenTelemetry's meters. The key gauges are
   * registered when a verifier is built with it.
   *
   * @param openTelemetry for example the one MicroProfile Telemetry injects, or {@code
   *     GlobalOpenTelemetry.get()}
   * @return the listener
   */
  public static VerificationListener verificationListener(OpenTelemetry openTelemetry) {
    return new ServerInstruments(meter(Objects.requireNonNull(openTelemetry, "openTelemetry")));
  }

  static Meter meter(OpenTelemetry openTelemetry) {
    return openTelemetry.getMeter(SCOPE);
  }
}
