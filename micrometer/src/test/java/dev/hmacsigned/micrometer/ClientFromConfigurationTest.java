package dev.hmacsigned.micrometer;

import static dev.hmacsigned.micrometer.MicrometerScrapeTest.key;
import static dev.hmacsigned.micrometer.MicrometerScrapeTest.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.client.HmacClientFeature;
import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.KeySource;
import dev.hmacsigned.jaxrs.HmacServerFeature;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.file.Path;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.client.JerseyClientBuilder;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client feature registered as a class and configured from the client's properties (as a
 * MicroProfile Rest Client's {@code @RegisterProvider} does) is counted by the jar alone, unless
 * {@code hmac.client.listeners=none}.
 */
class ClientFromConfigurationTest {
  @TempDir Path directory;

  @Test
  void clientFeatureFromProperties_jarOnTheClassPath_countsItsAnswersInTheGlobalRegistry()
      throws Exception {
    byte[] secret = new byte[32];
    MicrometerScrapeTest.RANDOM.nextBytes(secret);
    Path keys = MicrometerScrapeTest.keysFile(directory, "client-2026-11", secret);
    HmacKey key = key("client-2026-11").secret(secret).build();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HttpServer server =
        GrizzlyHttpServerFactory.createHttpServer(
            URI.create("http://127.0.0.1:0/"),
            new ResourceConfig(ServerAndClientMetersTest.Orders.class)
                .register(
                    HmacServerFeature.builder().keySource(KeySource.of(KeyRing.of(key))).build()));
    URI orders =
        URI.create("http://127.0.0.1:" + server.getListener("grizzly").getPort() + "/orders");
    Metrics.addRegistry(registry);
    try {
      for (String listeners : new String[] {"auto", "micrometer", "none"}) {
        try (Client client =
                new JerseyClientBuilder()
                    .property(HmacConfig.KEYS_FILE, keys.toString())
                    .property(HmacConfig.CLIENT_LISTENERS, listeners)
                    .register(HmacClientFeature.class)
                    .build();
            Response response = client.target(orders).request().post(Entity.text("{}"))) {
          assertThat(response.getStatus()).isEqualTo(200);
        }
      }
      // Once with auto, once with micrometer, not with none.
      assertThat(
              sample(
                  registry.scrape(),
                  "hmac_client_requests_total",
                  "code=\"none\",outcome=\"accepted\""))
          .isEqualTo(2.0);
    } finally {
      Metrics.removeRegistry(registry);
      server.shutdownNow();
    }
  }
}
