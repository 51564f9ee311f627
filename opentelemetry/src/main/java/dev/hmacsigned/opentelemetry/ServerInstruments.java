package dev.hmacsigned.opentelemetry;

import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.KeySource;
import dev.hmacsigned.core.KeyStatus;
import dev.hmacsigned.core.RequestView;
import dev.hmacsigned.core.VerificationListener;
import dev.hmacsigned.core.VerificationResult.Rejected;
import dev.hmacsigned.core.VerificationResult.Verified;
import dev.hmacsigned.core.VerificationTags;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/** The server's instruments; see {@link HmacOpenTelemetry} for what each one is. */
final class ServerInstruments implements VerificationListener {
  private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
  private static final AttributeKey<String> CODE = AttributeKey.stringKey("code");
  private static final AttributeKey<String> REASON = AttributeKey.stringKey("reason");
  private static final AttributeKey<String> KEY_ID = AttributeKey.stringKey("key_id");
  private static final AttributeKey<String> DIRECTION = AttributeKey.stringKey("direction");

  private static final double SECONDS_PER_DAY = 86_400.0;
  private static final double NANOS_PER_SECOND = 1e9;
  private static final List<Double> SKEW_BUCKETS =
      List.of(1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0);
  private static final List<Long> BODY_BUCKETS =
      List.of(1024L, 16_384L, 65_536L, 262_144L, 1_048_576L, 4_194_304L, 10_485_760L);
  private static final List<Double> LATENCY_BUCKETS =
      List.of(
          0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0,
          5.0);

  private static final Attributes VERIFIED = Attributes.of(OUTCOME, VerificationTags.VERIFIED);
  private static final Attributes REJECTED = Attributes.of(OUTCOME, VerificationTags.REJECTED);
  private static final Attributes PAST = Attributes.of(DIRECTION, "past");
  private static final Attributes FUTURE = Attributes.of(DIRECTION, "future");

  private final Meter meter;
  private final LongCounter requests;
  private final DoubleHistogram latency;
  private final DoubleHistogram skew;
  private final LongHistogram bodySize;
  // One attributes object per set of tags, bounded by the ring's key ids plus "unknown".
  private final VerificationTags<Attributes> requestAttributes =
      VerificationTags.of(
          (outcome, code, reason, keyId) ->
              Attributes.of(OUTCOME, outcome, CODE, code, REASON, reason, KEY_ID, keyId));
  private boolean gaugesRegistered; // guarded by this

  ServerInstruments(Meter meter) {
    this.meter = meter;
    this.requests =
        meter
            .counterBuilder("hmac.server.requests")
            .setDescription("Requests verified or rejected by hmac-signed")
            .setUnit("{request}")
            .build();
    this.latency =
        meter
            .histogramBuilder("hmac.server.verification")
            .setDescription(
                "Time the verifier took to reach its verdict, body and replay store included")
            .setUnit("s")
            .setExplicitBucketBoundariesAdvice(LATENCY_BUCKETS)
            .build();
    this.skew =
        meter
            .histogramBuilder("hmac.server.clock.skew")
            .setDescription(
                "Server clock minus the signed timestamp, in seconds; its sign in direction")
            .setUnit("s")
            .setExplicitBucketBoundariesAdvice(SKEW_BUCKETS)
            .build();
    this.bodySize =
        meter
            .histogramBuilder("hmac.server.body.size")
            .ofLongs()
            .setDescription("Sizes of the bodies of verified requests")
            .setUnit("By")
            .setExplicitBucketBoundariesAdvice(BODY_BUCKETS)
            .build();
  }

  @Override
  public void onVerified(Verified result, RequestView request) {
    requests.add(1, requestAttributes.of(result));
    latency.record(result.elapsedNanos() / NANOS_PER_SECOND, VERIFIED);
    recordSkew(result.clockSkewSeconds());
    bodySize.record(result.body().size());
  }

  @Override
  public void onRejected(Rejected result, RequestView request) {
    requests.add(1, requestAttributes.of(result));
    latency.record(result.elapsedNanos() / NANOS_PER_SECOND, REJECTED);
    recordSkew(result.clockSkewSeconds());
  }

  private void recordSkew(OptionalLong seconds) {
    if (seconds.isPresent()) {
      long s = seconds.getAsLong();
      skew.record(Math.abs((double) s), s >= 0 ? PAST : FUTURE);
    }
  }

  /** Registers the key gauges once; their callbacks read the ring at each collection. */
  @Override
  public synchronized void onVerifierBuilt(KeySource keySource) {
    if (gaugesRegistered) {
      return; // one verifier's keys per listener
    }
    gaugesRegistered = true;
    meter
        .gaugeBuilder("hmac.keys.active")
        .ofLongs()
        .setDescription("Keys of the ring usable now: active and not past their not-after")
        .setUnit("{key}")
        .buildWithCallback(
            measurement -> {
              Instant now = Instant.now();
              long usable =
                  keySource.current().keys().stream().filter(k -> k.isUsableAt(now)).count();
              measurement.record(usable);
            });
    meter
        .gaugeBuilder("hmac.key.validity.remaining")
        .setDescription("Days left before the not-after of each active key")
        .setUnit("d")
        .buildWithCallback(
            measurement -> {
              Instant now = Instant.now();
              for (HmacKey key : keySource.current().keys()) {
                if (key.status() == KeyStatus.ACTIVE && key.notAfter().isPresent()) {
                  measurement.record(
                      Duration.between(now, key.notAfter().get()).toSeconds() / SECONDS_PER_DAY,
                      Attributes.of(KEY_ID, key.id()));
                }
              }
            });
  }

  @Override
  public String toString() {
    return "HmacOpenTelemetry[" + HmacOpenTelemetry.SCOPE + "]";
  }
}
