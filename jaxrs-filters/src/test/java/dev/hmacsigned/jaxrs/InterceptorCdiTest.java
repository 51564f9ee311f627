package dev.hmacsigned.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.Algorithm;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.KeySource;
import dev.hmacsigned.core.SignedHeaders;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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
import java.util.logging.SimpleFormatter;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where resources are CDI beans (Jersey with Weld here, as on Helidon MP and GlassFish), an {@link
 * HmacSigned} resource method of an application that never registered {@link HmacServerFeature} is
 * refused with 500, not served: {@code @HmacSigned} is also the binding of {@link
 * HmacSignedInterceptor}, which this jar's {@code META-INF/beans.xml} makes a CDI interceptor. With
 * the feature registered, nothing changes. Weld discovers the jar's bean archive by itself.
 */
class InterceptorCdiTest {
  private static final HmacKey KEY = key();

  private static WeldContainer weld;

  /** A resource as Helidon and GlassFish hold them: a request-scoped CDI bean. */
  @Path("orders")
  @HmacSigned
  @RequestScoped
  public static class Orders {
    @GET
    public String list() {
      return "orders";
    }

    @GET
    @Path("admin")
    @RolesAllowed("admin")
    public String admin() {
      return "admin";
    }

    /** Not a resource method: called from code, never checked. */
    public String helper() {
      return "helper";
    }
  }

  /** A bean resource without {@code @HmacSigned}. */
  @Path("health")
  @RequestScoped
  public static class Health {
    @GET
    public String health() {
      return "up";
    }
  }

  @BeforeAll
  static void startCdi() {
    // Discovery on: the library's META-INF/beans.xml (target/classes) is found like any jar's.
    weld = new Weld().addBeanClasses(Orders.class, Health.class).initialize();
  }

  @AfterAll
  static void stopCdi() {
    weld.close();
  }

  @Test
  void jarsBeanArchive_makesTheInterceptorAndTheFeatureBeans() {
    assertThat(
            weld.getBeanManager()
                .resolveInterceptors(
                    jakarta.enterprise.inject.spi.InterceptionType.AROUND_INVOKE,
                    new SignedLiteral()))
        .extracting(i -> (Object) i.getBeanClass())
        .containsExactly(HmacSignedInterceptor.class);
    assertThat(weld.select(HmacServerFeature.class).isResolvable()).isTrue();
  }

  @Test
  void featureNeverRegistered_signedResourceIs500_neverServed_andLoggedOncePerMethod()
      throws IOException {
    List<LogRecord> log = new CopyOnWriteArrayList<>();
    Handler handler = capture(log);
    Logger logger = Logger.getLogger("dev.hmacsigned");
    logger.addHandler(handler);
    HttpServer server = start(new ResourceConfig(Orders.class, Health.class));
    try {
      int port = server.getListener("grizzly").getPort();

      Reply unsigned = get(port, "/orders", false);
      Reply signed = get(port, "/orders", true);
      Reply admin = get(port, "/orders/admin", true);
      Reply health = get(port, "/health", false);

      assertThat(unsigned.status()).isEqualTo(500);
      assertThat(unsigned.body()).doesNotContain("orders");
      assertThat(signed.status()).isEqualTo(500);
      assertThat(admin.status()).isEqualTo(500);
      assertThat(health).isEqualTo(new Reply(200, "up"));
      List<String> severe =
          log.stream()
              .filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue())
              .map(r -> new SimpleFormatter().formatMessage(r))
              .toList();
      assertThat(severe).hasSize(2); // list and admin, once each
      assertThat(severe.get(0))
          .contains(Orders.class.getName() + "#list")
          .contains("Register dev.hmacsigned.jaxrs.HmacServerFeature");
    } finally {
      server.shutdownNow();
      logger.removeHandler(handler);
    }
  }

  @Test
  void featureRegistered_verifiedRequestsReachTheBean_othersGetTheProtocolsAnswer()
      throws IOException {
    HttpServer server =
        start(
            new ResourceConfig(Orders.class, Health.class)
                .register(
                    HmacServerFeature.builder().keySource(KeySource.of(KeyRing.of(KEY))).build()));
    try {
      int port = server.getListener("grizzly").getPort();

      assertThat(get(port, "/orders", true)).isEqualTo(new Reply(200, "orders"));
      assertThat(get(port, "/orders", false).status()).isEqualTo(401);
      assertThat(get(port, "/orders/admin", true).status()).isEqualTo(403);
      assertThat(get(port, "/orders", true).status()).isEqualTo(200);
      assertThat(get(port, "/health", false)).isEqualTo(new Reply(200, "up"));
    } finally {
      server.shutdownNow();
    }
  }

  @Test
  void beanMethodsThatAreNotResourceMethods_areNotChecked() {
    assertThat(HmacSignedInterceptor.isResourceMethod(method("list"))).isTrue();
    assertThat(HmacSignedInterceptor.isResourceMethod(method("helper"))).isFalse();
  }

  private static java.lang.reflect.Method method(String name) {
    try {
      return Orders.class.getMethod(name);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  private static HttpServer start(ResourceConfig app) {
    return GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), app);
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

  /** {@code @HmacSigned} as a value, to ask the container for its interceptors. */
  @SuppressWarnings("all")
  private static final class SignedLiteral extends AnnotationLiteral<HmacSigned>
      implements HmacSigned {}

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
    return HmacKey.builder("cdi").secret(secret).algorithm(Algorithm.HMAC_SHA256).build();
  }
}
