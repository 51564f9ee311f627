package dev.hmacsigned.micrometer;

import static dev.hmacsigned.micrometer.MicrometerScrapeTest.key;
import static dev.hmacsigned.micrometer.MicrometerScrapeTest.rejected;
import static dev.hmacsigned.micrometer.MicrometerScrapeTest.sample;
import static dev.hmacsigned.micrometer.MicrometerScrapeTest.verified;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.servlet.HmacServletFilter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The servlet filter declared as in {@code web.xml} (init parameters only), on Jetty 12: with this
 * jar on the class path its verdicts reach the global registry, and {@code hmac.listeners=none}
 * keeps them out.
 */
class ServletFilterFromConfigurationTest {
  @TempDir Path directory;

  /** The application behind the filter. */
  public static class Hello extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      response.getWriter().write("hello " + request.getRemoteUser());
    }
  }

  @Test
  void servletFilter_configuredFromInitParameters_isMeteredByTheJarAlone() throws Exception {
    byte[] secret = new byte[32];
    MicrometerScrapeTest.RANDOM.nextBytes(secret);
    Path keys = MicrometerScrapeTest.keysFile(directory, "web-2026-11", secret);
    HmacKey key = key("web-2026-11").secret(secret).build();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Metrics.addRegistry(registry);
    try {
      for (String listeners : new String[] {"auto", "none"}) {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        FilterHolder filter = new FilterHolder(HmacServletFilter.class);
        filter.setInitParameters(
            Map.of(HmacConfig.KEYS_FILE, keys.toString(), HmacConfig.LISTENERS, listeners));
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new Hello()), "/hello");
        server.setHandler(context);
        server.start();
        try {
          URI uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/hello");
          HttpURLConnection signed = (HttpURLConnection) uri.toURL().openConnection();
          signed.setRequestProperty(
              "Authorization",
              HmacSigner.builder(key).build().sign("GET", uri, Map.of(), null).authorization());
          assertThat(signed.getResponseCode()).isEqualTo(200);
          assertThat(((HttpURLConnection) uri.toURL().openConnection()).getResponseCode())
              .isEqualTo(401);
        } finally {
          server.stop();
        }
      }
      // Counted once each: by the "auto" deployment, not by the "none" one.
      String scrape = registry.scrape();
      assertThat(sample(scrape, "hmac_server_requests_total", verified("web-2026-11")))
          .isEqualTo(1.0);
      assertThat(
              sample(
                  scrape,
                  "hmac_server_requests_total",
                  rejected("missing_signature", "unknown", "missing_authorization")))
          .isEqualTo(1.0);
    } finally {
      Metrics.removeRegistry(registry);
    }
  }
}
