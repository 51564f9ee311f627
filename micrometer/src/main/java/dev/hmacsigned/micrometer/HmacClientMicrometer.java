package dev.hmacsigned.micrometer;

import dev.hmacsigned.client.HmacClientListener;
import dev.hmacsigned.core.RejectionCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters for the client feature: the counter {@value #REQUESTS} [{@code
 * hmac_client_requests_total}] of the answers to signed requests, tagged {@code outcome} ({@code
 * accepted}: the server did not refuse the signature, whatever else it answered; {@code rejected}:
 * it refused the request under protocol v1) and {@code code} (the public rejection code, {@code
 * none} when accepted).
 *
 * <pre>{@code
 * Client client = ClientBuilder.newClient().register(HmacClientFeature.builder()
 *     .key(key)
 *     .listener(HmacClientMicrometer.clientListener(registry))
 *     .build());
 * }</pre>
 *
 * <p>Needs {@code hmac-signed-client-feature} on the class path (an optional dependency of this
 * module). A request that got no answer (the connection failed) is not counted: the client throws.
 */
public final class HmacClientMicrometer {
  /** The counter of answers to signed requests. */
  public static final String REQUESTS = "hmac.client.requests";

  private HmacClientMicrometer() {}

  /**
   * A listener that counts every answer in the registry.
   *
   * @param registry the registry
   * @return the listener, for {@code HmacClientFeature.Builder.listener}
   */
  public static HmacClientListener clientListener(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    Counter accepted = counter(registry, "accepted", "none");
    Map<RejectionCode, Counter> rejected = new EnumMap<>(RejectionCode.class);
    for (RejectionCode code : RejectionCode.values()) {
      rejected.put(code, counter(registry, "rejected", code.code()));
    }
    return new HmacClientListener() {
      @Override
      public void onResponse(int status, @Nullable RejectionCode rejection) {
        (rejection == null ? accepted : Objects.requireNonNull(rejected.get(rejection)))
            .increment();
      }

      @Override
      public String toString() {
        return "HmacClientMicrometer[" + REQUESTS + "]";
      }
    };
  }

  private static Counter counter(MeterRegistry registry, String outcome, String code) {
    return Counter.builder(REQUESTS)
        .description("Answers to requests signed by hmac-signed's client feature")
        .tag("outcome", outcome)
        .tag("code", code)
        .register(registry);
  }
}
