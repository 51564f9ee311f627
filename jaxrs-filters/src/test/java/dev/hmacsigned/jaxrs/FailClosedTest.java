package dev.hmacsigned.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.Algorithm;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.KeySource;
import dev.hmacsigned.core.SignedHeaders;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * On a runtime that drops the {@code DynamicFeature} a feature registers (Quarkus REST does: its
 * feature context keeps only filters, interceptors and exception mappers) and offers the filter no
 * other way to the resource method, {@code @RolesAllowed} cannot be known: every request to an
 * {@link HmacSigned} resource is refused with 500, and the log says why, once. Never served
 * unchecked. Shown on Jersey, with a feature context that drops what Quarkus REST drops.
 */
class FailClosedTest {
  private static final HmacKey KEY = key();

  @Path("admin")
  @HmacSigned
  public static class Admin {
    @GET
    @RolesAllowed("admin")
    public String admin() {
      return "admin ok";
    }
  }

  @Path("health")
  public static class Health {
    @GET
    public String health() {
      return "up";
    }
  }

  /** Registers a feature through a context that drops dynamic features, as Quarkus REST does. */
  public static final class AsQuarkusRestDoes implements Feature {
    private final Feature feature;

    AsQuarkusRestDoes(Feature feature) {
      this.feature = feature;
    }

    @Override
    public boolean configure(FeatureContext context) {
      return feature.configure(new DroppingContext(context));
    }
  }

  @Test
  void rolesCannotBeKnown_everySignedResourceRequestIs500_andLoggedOnce() throws IOException {
    List<LogRecord> log = new CopyOnWriteArrayList<>();
    Handler handler = capture(log);
    Logger logger = Logger.getLogger("dev.hmacsigned");
    logger.addHandler(handler);
    ResourceConfig app =
        new ResourceConfig(Admin.class, Health.class)
            .register(
                new AsQuarkusRestDoes(
                    HmacServerFeature.builder().keySource(KeySource.of(KeyRing.of(KEY))).build()));
    HttpServer server =
        GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), app);
    try {
      int port = server.getListener("grizzly").getPort();

      Reply signed = get(port, "/admin", true);
      Reply unsigned = get(port, "/admin", false);
      Reply again = get(port, "/admin", true);
      Reply health = get(port, "/health", false);

      assertThat(signed.status()).isEqualTo(500);
      assertThat(signed.body())
          .isEqualTo(
              "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500}");
      assertThat(unsigned.status()).isEqualTo(500);
      assertThat(again.status()).isEqualTo(500);
      assertThat(health).isEqualTo(new Reply(200, "up"));
      List<LogRecord> severe =
          log.stream().filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
      assertThat(severe).hasSize(1);
      String message = new java.util.logging.SimpleFormatter().formatMessage(severe.get(0));
      assertThat(message)
          .contains("GET /admin")
          .contains("refused with 500")
          .contains("Register dev.hmacsigned.jaxrs.HmacServerFeature with the application itself");
    } finally {
      server.shutdownNow();
      logger.removeHandler(handler);
    }
  }

  private static Reply get(int port, String path, boolean sign) throws IOException {
    URI uri = URI.create("http://127.0.0.1:" + port + path);
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    if (sign) {
      SignedHeaders signed = HmacSigner.builder(KEY).build().sign("GET", uri, Map.of(), null);
      connection.setRequestProperty("Authorization", signed.authorization());
    }
    int status = connection.getResponseCode();
    InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
    return new Reply(
        status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
  }

  private record Reply(int status, String body) {}

  private static Handler capture(List<LogRecord> records) {
    return new Handler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }

  private static HmacKey key() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return HmacKey.builder("fail-closed")
        .secret(secret)
        .algorithm(Algorithm.HMAC_SHA256)
        .roles("admin")
        .build();
  }

  /**
   * A feature context that keeps what Quarkus REST's keeps (filters, interceptors, exception
   * mappers, properties) and silently drops dynamic features.
   */
  private static final class DroppingContext implements FeatureContext {
    private final FeatureContext delegate;

    DroppingContext(FeatureContext delegate) {
      this.delegate = delegate;
    }

    private static boolean dropped(Class<?> type) {
      return DynamicFeature.class.isAssignableFrom(type) || Feature.class.isAssignableFrom(type);
    }

    @Override
    public Configuration getConfiguration() {
      return delegate.getConfiguration();
    }

    @Override
    public FeatureContext property(String name, @Nullable Object value) {
      delegate.property(name, value);
      return this;
    }

    @Override
    public FeatureContext register(Class<?> componentClass) {
      if (!dropped(componentClass)) {
        delegate.register(componentClass);
      }
      return this;
    }

    @Override
    public FeatureContext register(Class<?> componentClass, int priority) {
      if (!dropped(componentClass)) {
        delegate.register(componentClass, priority);
      }
      return this;
    }

    @Override
    public FeatureContext register(Class<?> componentClass, Class<?>... contracts) {
      if (!dropped(componentClass)) {
        delegate.register(componentClass, contracts);
      }
      return this;
    }

    @Override
    public FeatureContext register(Class<?> componentClass, Map<Class<?>, Integer> contracts) {
      if (!dropped(componentClass)) {
        delegate.register(componentClass, contracts);
      }
      return this;
    }

    @Override
    public FeatureContext register(Object component) {
      if (!dropped(component.getClass())) {
        delegate.register(component);
      }
      return this;
    }

    @Override
    public FeatureContext register(Object component, int priority) {
      if (!dropped(component.getClass())) {
        delegate.register(component, priority);
      }
      return this;
    }

    @Override
    public FeatureContext register(Object component, Class<?>... contracts) {
      if (!dropped(component.getClass())) {
        delegate.register(component, contracts);
      }
      return this;
    }

    @Override
    public FeatureContext register(Object component, Map<Class<?>, Integer> contracts) {
      if (!dropped(component.getClass())) {
        delegate.register(component, contracts);
      }
      return this;
    }
  }
}
