package dev.hmacsigned.opentelemetry;

import dev.hmacsigned.client.HmacClientListener;
import dev.hmacsigned.core.RejectionCode;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * OpenTelemetry meters for the client feature: the counter {@code hmac.client.requests} of the
 * answers to signed requests, with the attributes {@code outcome} ({@code accepted}: the server did
 * not refuse the signature, whatever else it answered; {@code rejected}: it refused the request
 * under protocol v1) and {@code code} (the public rejection code, {@code none} when accepted).
 *
 * <pre>{@code
 * Client client = ClientBuilder.newClient().register(HmacClientFeature.builder()
 *     .key(key)
 *     .listener(HmacClientOpenTelemetry.clientListener(openTelemetry))
 *     .build());
 * }</pre>
 *
 * <p>Needs {@code hmac-signed-client-feature} on the class path (an optional dependency of this
 * module). A request that got no answer (the connection failed) is not counted: the client throws.
 */
public final class HmacClientOpenTelemetry {
  private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
  private static final AttributeKey<String> CODE = AttributeKey.stringKey("code");

  private HmacClientOpenTelemetry() {}

  /**
   * A listener that counts every answer with the given OpenTelemetry's meters.
   *
   * @param openTelemetry the application's OpenTelemetry
   * @return the listener, for {@code HmacClientFeature.Builder.listener}
   */
  public static HmacClientListener clientListener(OpenTelemetry openTelemetry) {
    LongCounter requests =
        HmacOpenTelemetry.meter(Objects.requireNonNull(openTelemetry, "openTelemetry"))
            .counterBuilder("hmac.client.requests")
            .setDescription("Answers to requests signed by hmac-signed's client feature")
            .setUnit("{request}")
            .build();
    Attributes accepted = Attributes.of(OUTCOME, "accepted", CODE, "none");
    Map<RejectionCode, Attributes> rejected = new EnumMap<>(RejectionCode.class);
    for (RejectionCode code : RejectionCode.values()) {
      rejected.put(code, Attributes.of(OUTCOME, "rejected", CODE, code.code()));
    }
    return new HmacClientListener() {
      @Override
      public void onResponse(int status, @Nullable RejectionCode rejection) {
        requests.add(
            1, rejection == null ? accepted : Objects.requireNonNull(rejected.get(rejection)));
      }

      @Override
      public String toString() {
        return "HmacClientOpenTelemetry[hmac.client.requests]";
      }
    };
  }
}
