package dev.hmacsigned.micrometer;

import static dev.hmacsigned.micrometer.MicrometerScrapeTest.key;
import static dev.hmacsigned.micrometer.MicrometerScrapeTest.rejected;
import static dev.hmacsigned.micrometer.MicrometerScrapeTest.sample;
import static dev.hmacsigned.micrometer.MicrometerScrapeTest.verified;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.client.HmacClientFeature;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.KeySource;
import dev.hmacsigned.jaxrs.HmacServerFeature;
import dev.hmacsigned.jaxrs.HmacSigned;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.client.JerseyClientBuilder;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

/**
 * A real Jersey server on Grizzly with the JAX-RS feature, and a real Jersey client with the client
 * feature, both metered into one Prometheus registry: the server's and the client's counters agree.
 */
class ServerAndClientMetersTest {
  @Path("orders")
  @HmacSigned
  public static class Orders {
    @POST
    public String create(String order) {
      return "created " + order.length();
    }
  }

  @Test
  void scrape_realServerAndClient_serverAndClientCountersAgree() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HmacKey key = key("shop-2026-11").build();
    HmacKey impostor = key("shop-2026-11").build(); // the right id, another secret
    HmacServerFeature feature =
        HmacServerFeature.builder()
            .keySource(KeySource.of(KeyRing.of(key)))
            .addListener(HmacMicrometer.verificationListener(registry))
            .build();
    HttpServer server =
        GrizzlyHttpServerFactory.createHttpServer(
            URI.create("http://127.0.0.1:0/"), new ResourceConfig(Orders.class).register(feature));
    URI orders =
        URI.create("http://127.0.0.1:" + server.getListener("grizzly").getPort() + "/orders");
    try (Client good = client(key, registry);
        Client bad = client(impostor, registry);
        Client unsigned = new JerseyClientBuilder().build()) {
      for (int i = 0; i < 2; i++) {
        try (Response response = good.target(orders).request().post(Entity.text("{\"n\":1}"))) {
          assertThat(response.getStatus()).isEqualTo(200);
        }
      }
      try (Response response = bad.target(orders).request().post(Entity.text("{}"))) {
        assertThat(response.getStatus()).isEqualTo(401);
      }
      try (Response response = unsigned.target(orders).request().post(Entity.text("{}"))) {
        assertThat(response.getStatus()).isEqualTo(401);
      }
    } finally {
      server.shutdownNow();
    }

    String scrape = registry.scrape();
    assertThat(sample(scrape, "hmac_server_requests_total", verified("shop-2026-11")))
        .isEqualTo(2.0);
    assertThat(
            sample(
                scrape,
                "hmac_server_requests_total",
                rejected("invalid_signature", "shop-2026-11", "signature_mismatch")))
        .isEqualTo(1.0);
    assertThat(
            sample(
                scrape,
                "hmac_server_requests_total",
                rejected("missing_signature", "unknown", "missing_authorization")))
        .isEqualTo(1.0);
    assertThat(sample(scrape, "hmac_server_body_size_bytes_sum", "")).isEqualTo(14.0);
    assertThat(sample(scrape, "hmac_keys_active", "")).isEqualTo(1.0);

    // The client side: two accepted, one refused as invalid_signature (the unsigned client has no
    // feature, so it is not counted).
    assertThat(sample(scrape, "hmac_client_requests_total", "code=\"none\",outcome=\"accepted\""))
        .isEqualTo(2.0);
    assertThat(
            sample(
                scrape,
                "hmac_client_requests_total",
                "code=\"invalid_signature\",outcome=\"rejected\""))
        .isEqualTo(1.0);
    assertThat(
            sample(
                scrape,
                "hmac_client_requests_total",
                "code=\"stale_timestamp\",outcome=\"rejected\""))
        .isEqualTo(0.0);
  }

  private static Client client(HmacKey key, PrometheusMeterRegistry registry) {
    return new JerseyClientBuilder()
        .register(
            HmacClientFeature.builder()
                .key(key)
                .listener(HmacClientMicrometer.clientListener(registry))
                .build())
        .build();
  }
}
