package dev.hmacsigned.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.client.HmacClientFeature;
import dev.hmacsigned.client.HmacClientListener;
import dev.hmacsigned.client.HmacClientListenerProvider;
import dev.hmacsigned.core.Algorithm;
import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.KeySource;
import dev.hmacsigned.core.KeyStatus;
import dev.hmacsigned.core.RejectionCode;
import dev.hmacsigned.core.RequestView;
import dev.hmacsigned.core.SignedHeaders;
import dev.hmacsigned.core.VerificationResult;
import dev.hmacsigned.jaxrs.HmacServerFeature;
import dev.hmacsigned.jaxrs.HmacSigned;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.client.JerseyClientBuilder;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The instruments in the real OpenTelemetry SDK, read with its {@link InMemoryMetricReader}, after
 * real verifications by the real verifier, a real Jersey server and a real Jersey client.
 */
class OpenTelemetryMetricsTest {
  static final SecureRandom RANDOM = new SecureRandom();
  static final Instant NOW = Instant.now();

  final InMemoryMetricReader reader = InMemoryMetricReader.create();
  final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
          .build();

  final HmacKey orders = key("orders-2026-11").build();
  final HmacKey reports = key("reports-2026-11").notAfter(NOW.plus(Duration.ofDays(10))).build();
  final HmacKey retired = key("orders-2026-05").status(KeyStatus.REVOKED).build();

  @AfterEach
  void closeSdk() {
    sdk.close();
  }

  @Test
  void collect_afterVerifiedAndRejectedRequests_countsByOutcomeCodeReasonAndKnownKey() {
    HmacVerifier verifier =
        HmacVerifier.builder()
            .keys(KeyRing.of(orders, reports, retired))
            .clock(InstantSource.fixed(NOW)) // the skews below are exact
            .addListener(HmacOpenTelemetry.verificationListener(sdk))
            .build();
    for (int i = 0; i < 3; i++) {
      assertVerified(verifier.verify(signed(orders, NOW.minusSeconds(5), "{\"n\":" + i + "}")));
    }
    assertVerified(verifier.verify(signed(reports, NOW.plusSeconds(2), "")));
    HmacKey stranger = key("attacker-chosen-" + RANDOM.nextInt(1_000_000)).build();
    verifier.verify(signed(stranger, NOW, "{}"));
    verifier.verify(signed(stranger, NOW, "{}"));
    verifier.verify(signed(key(orders.id()).build(), NOW, "{}"));
    verifier.verify(signed(orders, NOW.minusSeconds(400), "{}"));
    verifier.verify(request(Map.of(), ""));

    Collection<MetricData> metrics = reader.collectAllMetrics();
    assertThat(metrics)
        .allSatisfy(
            m ->
                assertThat(m.getInstrumentationScopeInfo().getName())
                    .isEqualTo(HmacOpenTelemetry.SCOPE));

    MetricData requests = metric(metrics, "hmac.server.requests");
    assertThat(requests.getUnit()).isEqualTo("{request}");
    assertThat(count(requests, requestAttributes("verified", "none", "none", orders.id())))
        .isEqualTo(3);
    assertThat(count(requests, requestAttributes("verified", "none", "none", reports.id())))
        .isEqualTo(1);
    assertThat(
            count(
                requests,
                requestAttributes("rejected", "invalid_signature", "unknown_key", "unknown")))
        .isEqualTo(2);
    assertThat(
            count(
                requests,
                requestAttributes(
                    "rejected", "invalid_signature", "signature_mismatch", orders.id())))
        .isEqualTo(1);
    assertThat(
            count(
                requests,
                requestAttributes(
                    "rejected", "stale_timestamp", "timestamp_out_of_window", orders.id())))
        .isEqualTo(1);
    assertThat(
            count(
                requests,
                requestAttributes(
                    "rejected", "missing_signature", "missing_authorization", "unknown")))
        .isEqualTo(1);
    assertThat(metrics.toString()).doesNotContain(stranger.id());

    MetricData latency = metric(metrics, "hmac.server.verification");
    assertThat(latency.getUnit()).isEqualTo("s");
    assertThat(
            histogram(latency, Attributes.of(AttributeKey.stringKey("outcome"), "verified"))
                .getCount())
        .isEqualTo(4);
    HistogramPointData rejectedLatency =
        histogram(latency, Attributes.of(AttributeKey.stringKey("outcome"), "rejected"));
    assertThat(rejectedLatency.getCount()).isEqualTo(5);
    assertThat(rejectedLatency.getBoundaries()).startsWith(0.0001).endsWith(5.0);

    MetricData skew = metric(metrics, "hmac.server.clock.skew");
    HistogramPointData past =
        histogram(skew, Attributes.of(AttributeKey.stringKey("direction"), "past"));
    assertThat(past.getCount()).isEqualTo(7);
    assertThat(past.getSum()).isEqualTo(415.0);
    assertThat(past.getMax()).isEqualTo(400.0);
    // Buckets 1, 2, 5, ... 300, 600, 900: 400 s falls between 300 and 600.
    assertThat(past.getBoundaries().indexOf(600.0)).isEqualTo(8);
    assertThat(past.getCounts().get(8)).isEqualTo(1);
    HistogramPointData future =
        histogram(skew, Attributes.of(AttributeKey.stringKey("direction"), "future"));
    assertThat(future.getCount()).isEqualTo(1);
    assertThat(future.getSum()).isEqualTo(2.0);

    HistogramPointData bodies =
        histogram(metric(metrics, "hmac.server.body.size"), Attributes.empty());
    assertThat(bodies.getCount()).isEqualTo(4);
    assertThat(bodies.getSum()).isEqualTo(21.0);

    assertThat(metric(metrics, "hmac.keys.active").getLongGaugeData().getPoints())
        .singleElement()
        .satisfies(p -> assertThat(p.getValue()).isEqualTo(2));
    MetricData validity = metric(metrics, "hmac.key.validity.remaining");
    assertThat(validity.getUnit()).isEqualTo("d");
    assertThat(validity.getDoubleGaugeData().getPoints())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getAttributes())
                  .isEqualTo(Attributes.of(AttributeKey.stringKey("key_id"), reports.id()));
              assertThat(p.getValue()).isBetween(9.99, 10.0);
            });
  }

  @Test
  void collect_ringRotates_keyGaugesFollowItAtTheNextCollection() {
    AtomicReference<KeyRing> ring = new AtomicReference<>(KeyRing.of(orders, reports));
    HmacVerifier.builder()
        .keySource(ring::get)
        .addListener(HmacOpenTelemetry.verificationListener(sdk))
        .build();
    Collection<MetricData> before = reader.collectAllMetrics();
    assertThat(metric(before, "hmac.keys.active").getLongGaugeData().getPoints())
        .singleElement()
        .satisfies(p -> assertThat(p.getValue()).isEqualTo(2));

    HmacKey next = key("reports-2026-12").notAfter(NOW.plus(Duration.ofDays(30))).build();
    ring.set(KeyRing.of(next));

    Collection<MetricData> after = reader.collectAllMetrics();
    assertThat(metric(after, "hmac.keys.active").getLongGaugeData().getPoints())
        .singleElement()
        .satisfies(p -> assertThat(p.getValue()).isEqualTo(1));
    assertThat(metric(after, "hmac.key.validity.remaining").getDoubleGaugeData().getPoints())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getAttributes().get(AttributeKey.stringKey("key_id")))
                  .isEqualTo("reports-2026-12");
              assertThat(p.getValue()).isBetween(29.99, 30.0);
            });
  }

  @Test
  void configuration_jarOnTheClassPath_installsTheMetersOnGlobalOpenTelemetryOnceItIsSet() {
    GlobalOpenTelemetry.resetForTest();
    try {
      // Deployed before the application sets its global OpenTelemetry: the library must not fix
      // the global instance to a no-op (the application's set would then fail).
      HmacVerifier verifier =
          HmacConfig.lookup(Map.of(HmacConfig.LISTENERS, "opentelemetry")::get)
              .verifierBuilder(KeySource.of(KeyRing.of(orders, reports)))
              .build();
      assertVerified(verifier.verify(signed(orders, NOW, "")));
      // The client's listener, found the way a client feature configured from properties finds it.
      HmacConfig clientConfig = HmacConfig.lookup(Map.of()::get);
      List<HmacClientListener> clientListeners = new ArrayList<>();
      for (HmacClientListenerProvider provider :
          clientConfig.providers(
              HmacConfig.CLIENT_LISTENERS,
              HmacClientListenerProvider.class,
              HmacClientListenerProvider::name)) {
        clientListeners.add(provider.create(clientConfig));
      }
      assertThat(clientListeners).hasSize(1);
      clientListeners.get(0).onResponse(200, null);
      assertThat(GlobalOpenTelemetry.isSet()).isFalse();

      GlobalOpenTelemetry.set(sdk);
      assertVerified(verifier.verify(signed(orders, NOW, "")));
      clientListeners.get(0).onResponse(401, RejectionCode.REPLAYED_NONCE);
      HmacVerifier without =
          HmacConfig.lookup(Map.of(HmacConfig.LISTENERS, "none")::get)
              .verifierBuilder(KeySource.of(KeyRing.of(orders)))
              .build();
      assertVerified(without.verify(signed(orders, NOW, "")));

      Collection<MetricData> metrics = reader.collectAllMetrics();
      assertThat(
              count(
                  metric(metrics, "hmac.server.requests"),
                  requestAttributes("verified", "none", "none", orders.id())))
          .isEqualTo(1);
      assertThat(
              count(
                  metric(metrics, "hmac.client.requests"),
                  clientAttributes("rejected", "replayed_nonce")))
          .isEqualTo(1);
      assertThat(metric(metrics, "hmac.client.requests").getLongSumData().getPoints()).hasSize(1);
      // The key gauges of the verifier it was built with.
      assertThat(metric(metrics, "hmac.keys.active").getLongGaugeData().getPoints())
          .singleElement()
          .satisfies(p -> assertThat(p.getValue()).isEqualTo(2));
    } finally {
      GlobalOpenTelemetry.resetForTest();
    }
  }

  @Path("orders")
  @HmacSigned
  public static class Orders {
    @POST
    public String create(String order) {
      return "created " + order.length();
    }
  }

  @Test
  void collect_realServerAndClient_serverAndClientCountersAgree() {
    HmacKey impostor = key(orders.id()).build();
    HmacServerFeature feature =
        HmacServerFeature.builder()
            .keySource(KeySource.of(KeyRing.of(orders)))
            .addListener(HmacOpenTelemetry.verificationListener(sdk))
            .build();
    HttpServer server =
        GrizzlyHttpServerFactory.createHttpServer(
            URI.create("http://127.0.0.1:0/"), new ResourceConfig(Orders.class).register(feature));
    URI uri = URI.create("http://127.0.0.1:" + server.getListener("grizzly").getPort() + "/orders");
    try (Client good = client(orders);
        Client bad = client(impostor)) {
      for (int i = 0; i < 2; i++) {
        try (Response response = good.target(uri).request().post(Entity.text("{\"n\":1}"))) {
          assertThat(response.getStatus()).isEqualTo(200);
        }
      }
      try (Response response = bad.target(uri).request().post(Entity.text("{}"))) {
        assertThat(response.getStatus()).isEqualTo(401);
      }
    } finally {
      server.shutdownNow();
    }

    Collection<MetricData> metrics = reader.collectAllMetrics();
    MetricData server2 = metric(metrics, "hmac.server.requests");
    assertThat(count(server2, requestAttributes("verified", "none", "none", orders.id())))
        .isEqualTo(2);
    assertThat(
            count(
                server2,
                requestAttributes(
                    "rejected", "invalid_signature", "signature_mismatch", orders.id())))
        .isEqualTo(1);
    MetricData client = metric(metrics, "hmac.client.requests");
    assertThat(count(client, clientAttributes("accepted", "none"))).isEqualTo(2);
    assertThat(count(client, clientAttributes("rejected", "invalid_signature"))).isEqualTo(1);
  }

  private Client client(HmacKey key) {
    return new JerseyClientBuilder()
        .register(
            HmacClientFeature.builder()
                .key(key)
                .listener(HmacClientOpenTelemetry.clientListener(sdk))
                .build())
        .build();
  }

  static Attributes requestAttributes(String outcome, String code, String reason, String keyId) {
    return Attributes.builder()
        .put("outcome", outcome)
        .put("code", code)
        .put("reason", reason)
        .put("key_id", keyId)
        .build();
  }

  static Attributes clientAttributes(String outcome, String code) {
    return Attributes.builder().put("outcome", outcome).put("code", code).build();
  }

  static MetricData metric(Collection<MetricData> metrics, String name) {
    return metrics.stream()
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + metrics));
  }

  static long count(MetricData counter, Attributes attributes) {
    return counter.getLongSumData().getPoints().stream()
        .filter(p -> p.getAttributes().equals(attributes))
        .findFirst()
        .orElseThrow(() -> new AssertionError(attributes + " not in " + counter))
        .getValue();
  }

  static HistogramPointData histogram(MetricData histogram, Attributes attributes) {
    return histogram.getHistogramData().getPoints().stream()
        .filter(p -> p.getAttributes().equals(attributes))
        .findFirst()
        .orElseThrow(() -> new AssertionError(attributes + " not in " + histogram));
  }

  static HmacKey.Builder key(String id) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return HmacKey.builder(id).secret(secret).algorithm(Algorithm.HMAC_SHA256);
  }

  static void assertVerified(VerificationResult result) {
    assertThat(result).isInstanceOf(VerificationResult.Verified.class);
    result.close();
  }

  static RequestView signed(HmacKey key, Instant at, String body) {
    Map<String, List<String>> headers = new HashMap<>();
    headers.put("Host", List.of("api.example.com"));
    headers.put("Content-Type", List.of("application/json"));
    SignedHeaders h =
        HmacSigner.builder(key)
            .clock(InstantSource.fixed(at))
            .build()
            .sign("POST", "/api/orders", "", headers, body.getBytes(StandardCharsets.UTF_8));
    headers.put("Authorization", List.of(h.authorization()));
    h.contentDigestHeader().ifPresent(d -> headers.put("Content-Digest", List.of(d)));
    return request(headers, body);
  }

  static RequestView request(Map<String, List<String>> headers, String body) {
    return new RequestView() {
      @Override
      public String method() {
        return "POST";
      }

      @Override
      public String rawPath() {
        return "/api/orders";
      }

      @Override
      public String rawQuery() {
        return "";
      }

      @Override
      public List<String> headers(String name) {
        return RequestView.headerValues(headers, name);
      }

      @Override
      public InputStream body() {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
      }
    };
  }
}
