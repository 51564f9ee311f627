package dev.hmacsigned.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.client.HmacClientFeature;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.InMemoryReplayStore;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.RequestView;
import dev.hmacsigned.core.VerificationListener;
import dev.hmacsigned.core.VerificationResult;
import dev.hmacsigned.jaxrs.HmacServerFeature;
import dev.hmacsigned.servlet.HmacServletFilter;
import jakarta.servlet.DispatcherType;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.Test;

/**
 * A Jersey application mounted behind HmacServletFilter on Jetty: a request passes both the servlet
 * filter and {@code @HmacSigned}, is verified exactly once, and its nonce is not taken for a
 * replay.
 */
class JaxrsBehindServletFilterTest {

  @Test
  void signedRequest_throughServletFilterAndHmacSigned_isVerifiedOnceAndAccepted()
      throws Exception {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    HmacKey key = HmacKey.builder("both").secret(secret).principal("layered").build();
    AtomicInteger verifications = new AtomicInteger();
    HmacVerifier verifier =
        HmacVerifier.builder()
            .keys(KeyRing.of(key))
            .replayStore(InMemoryReplayStore.withCapacity(100))
            .listener(
                new VerificationListener() {
                  @Override
                  public void onVerified(VerificationResult.Verified result, RequestView request) {
                    verifications.incrementAndGet();
                  }
                })
            .build();

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/app");
    context.addServlet(
        new ServletHolder(
            new ServletContainer(
                new ResourceConfig(DemoResource.class)
                    .register(HmacServerFeature.builder().verifier(verifier).build()))),
        "/api/*");
    context.addFilter(
        new FilterHolder(HmacServletFilter.of(verifier)), "/*", EnumSet.of(DispatcherType.REQUEST));
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(context);
    server.start();
    try (Client client =
        ClientBuilder.newBuilder().register(HmacClientFeature.builder().key(key).build()).build()) {
      String base = "http://127.0.0.1:" + connector.getLocalPort() + "/app/api/";
      Response echo =
          client
              .target(base)
              .path("echo")
              .request()
              .post(Entity.entity("{\"é\":1}", MediaType.APPLICATION_JSON));
      assertThat(echo.getStatus()).isEqualTo(200);
      assertThat(echo.getHeaderString("X-Hmac-Principal")).isEqualTo("layered");
      assertThat(echo.readEntity(String.class)).isEqualTo("{\"é\":1}");
      assertThat(verifications.get()).isEqualTo(1);

      // The unsigned health resource is still behind the URL-wide servlet filter here.
      Response health = client.target(base).path("health").request().get();
      assertThat(health.getStatus()).isEqualTo(200);
      assertThat(verifications.get()).isEqualTo(2);
      try (Response unsigned =
          ClientBuilder.newClient().target(base).path("health").request().get()) {
        assertThat(unsigned.getStatus()).isEqualTo(401);
      }
    } finally {
      server.stop();
    }
  }
}
