package dev.hmacsigned.micrometer;

import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.KeySource;
import dev.hmacsigned.core.KeyStatus;
import dev.hmacsigned.core.RequestView;
import dev.hmacsigned.core.VerificationListener;
import dev.hmacsigned.core.VerificationResult.Rejected;
import dev.hmacsigned.core.VerificationResult.Verified;
import dev.hmacsigned.core.VerificationTags;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** The server's meters; see {@link HmacMicrometer} for what each one is. */
final class ServerMeters implements VerificationListener {
  private static final double SECONDS_PER_DAY = 86_400.0;
  private static final double[] SKEW_BUCKETS = {1, 2, 5, 10, 30, 60, 120, 300, 600, 900};
  private static final double[] BODY_BUCKETS = {
    1024, 16 * 1024, 64 * 1024, 256 * 1024, 1 << 20, 4 << 20, 10 << 20
  };
  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofNanos(100_000),
    Duration.ofNanos(250_000),
    Duration.ofNanos(500_000),
    Duration.ofMillis(1),
    Duration.ofNanos(2_500_000),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(5)
  };

  private final MeterRegistry registry;
  private final Timer verifiedLatency;
  private final Timer rejectedLatency;
  private final DistributionSummary skewPast;
  private final DistributionSummary skewFuture;
  private final DistributionSummary bodySize;
  // One counter per set of tags, bounded by the ring's key ids plus "unknown".
  private final VerificationTags<Counter> requests;

  // The key state, once a verifier is built with this listener.
  private volatile @Nullable KeySource keySource;
  private volatile @Nullable KeyRing ring; // held strongly: the gauges read its keys
  private @Nullable MultiGauge keyValidity;

  ServerMeters(MeterRegistry registry) {
    this.registry = registry;
    this.verifiedLatency = latency("verified");
    this.rejectedLatency = latency("rejected");
    this.skewPast = skew("past");
    this.skewFuture = skew("future");
    this.bodySize =
        DistributionSummary.builder(HmacMicrometer.BODY_SIZE)
            .description("Sizes of the bodies of verified requests")
            .baseUnit("bytes")
            .serviceLevelObjectives(BODY_BUCKETS)
            .register(registry);
    this.requests =
        VerificationTags.of(
            (outcome, code, reason, keyId) ->
                Counter.builder(HmacMicrometer.REQUESTS)
                    .description("Requests verified or rejected by hmac-signed")
                    .tag("outcome", outcome)
                    .tag("code", code)
                    .tag("reason", reason)
                    .tag("key_id", keyId)
                    .register(registry));
  }

  private Timer latency(String outcome) {
    return Timer.builder(HmacMicrometer.VERIFICATION)
        .description("Time the verifier took to reach its verdict, body and replay store included")
        .tag("outcome", outcome)
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry);
  }

  private DistributionSummary skew(String direction) {
    return DistributionSummary.builder(HmacMicrometer.CLOCK_SKEW)
        .description("Server clock minus the signed timestamp, in seconds; its sign in direction")
        .baseUnit("seconds")
        .tag("direction", direction)
        .serviceLevelObjectives(SKEW_BUCKETS)
        .register(registry);
  }

  @Override
  public void onVerified(Verified result, RequestView request) {
    requests.of(result).increment();
    verifiedLatency.record(result.elapsedNanos(), TimeUnit.NANOSECONDS);
    recordSkew(result.clockSkewSeconds());
    bodySize.record((double) result.body().size());
    followRing();
  }

  @Override
  public void onRejected(Rejected result, RequestView request) {
    requests.of(result).increment();
    rejectedLatency.record(result.elapsedNanos(), TimeUnit.NANOSECONDS);
    recordSkew(result.clockSkewSeconds());
    followRing();
  }

  private void recordSkew(OptionalLong skew) {
    if (skew.isPresent()) {
      long seconds = skew.getAsLong();
      (seconds >= 0 ? skewPast : skewFuture).record(Math.abs((double) seconds));
    }
  }

  @Override
  public void onVerifierBuilt(KeySource keySource) {
    synchronized (this) {
      if (this.keySource != null) {
        return; // one verifier's keys per listener
      }
      this.keySource = keySource;
      this.keyValidity =
          MultiGauge.builder(HmacMicrometer.KEY_VALIDITY)
              .description("Days left before the not-after of each active key")
              .baseUnit("days")
              .register(registry);
    }
    Gauge.builder(HmacMicrometer.ACTIVE_KEYS, keySource, ServerMeters::usableKeys)
        .description("Keys of the ring usable now: active and not past their not-after")
        .strongReference(true)
        .register(registry);
    followRing();
  }

  /** Re-registers the per-key gauges when the ring changed (one reference compare otherwise). */
  private void followRing() {
    KeySource source = keySource;
    if (source == null) {
      return;
    }
    KeyRing current = source.current();
    if (current == ring) {
      return;
    }
    synchronized (this) {
      if (current == ring) {
        return;
      }
      List<MultiGauge.Row<?>> rows = new ArrayList<>();
      for (HmacKey key : current.keys()) {
        if (key.status() == KeyStatus.ACTIVE && key.notAfter().isPresent()) {
          Instant notAfter = key.notAfter().get();
          rows.add(
              MultiGauge.Row.of(
                  Tags.of("key_id", key.id()),
                  notAfter,
                  at -> Duration.between(Instant.now(), at).toSeconds() / SECONDS_PER_DAY));
        }
      }
      Objects.requireNonNull(keyValidity).register(rows, true);
      ring = current;
    }
  }

  private static double usableKeys(KeySource source) {
    Instant now = Instant.now();
    int usable = 0;
    for (HmacKey key : source.current().keys()) {
      if (key.isUsableAt(now)) {
        usable++;
      }
    }
    return usable;
  }

  @Override
  public String toString() {
    return "HmacMicrometer[" + registry.getClass().getSimpleName() + "]";
  }
}
