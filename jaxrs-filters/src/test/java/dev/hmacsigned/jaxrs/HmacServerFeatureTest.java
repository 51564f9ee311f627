package dev.hmacsigned.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hmacsigned.core.Algorithm;
import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.KeySource;
import dev.hmacsigned.core.RequestView;
import dev.hmacsigned.core.SignedHeaders;
import dev.hmacsigned.core.VerificationListener;
import dev.hmacsigned.core.VerificationResult;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** What the feature is given is what it verifies with, and a builder cannot change it later. */
class HmacServerFeatureTest {
  private static final HmacKey KEY =
      HmacKey.builder("feature-test").secret(secret()).algorithm(Algorithm.HMAC_SHA256).build();

  @Path("ping")
  @HmacSigned
  public static class Ping {
    @GET
    public String ping() {
      return "pong";
    }
  }

  @Test
  void build_verifierWithOtherSettings_isRefused() {
    HmacVerifier verifier = HmacVerifier.builder().keys(KeyRing.of(KEY)).build();

    assertThatThrownBy(
            () ->
                HmacServerFeature.builder()
                    .verifier(verifier)
                    .clockSkew(Duration.ofSeconds(10))
                    .build())
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("not both");
  }

  @Test
  void build_builderChangedAfterBuild_featureKeepsItsSettings() throws IOException {
    // Built with a clock in the past; then the builder is pointed at an empty key ring.
    Instant past = Instant.parse("2020-01-01T00:00:00Z");
    HmacServerFeature.Builder builder =
        HmacServerFeature.builder()
            .keySource(KeySource.of(KeyRing.of(KEY)))
            .clock(InstantSource.fixed(past));
    HmacServerFeature feature = builder.build();
    builder.keySource(KeySource.of(KeyRing.empty())).clock(InstantSource.system());

    assertThat(status(feature, past)).isEqualTo(200);
  }

  @Test
  void of_verifier_verifiesWithIt() throws IOException {
    Instant past = Instant.parse("2020-01-01T00:00:00Z");
    HmacVerifier verifier =
        HmacVerifier.builder().keys(KeyRing.of(KEY)).clock(InstantSource.fixed(past)).build();

    assertThat(status(HmacServerFeature.of(verifier), past)).isEqualTo(200);
    assertThat(status(HmacServerFeature.of(verifier), Instant.now())).isEqualTo(401);
  }

  /** Sets the remote-address property as an application on a runtime without servlets would. */
  @PreMatching
  public static class SetsRemoteAddress implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
      Object value =
          "supplier".equals(request.getHeaders().getFirst("X-Test-Remote"))
              ? (Supplier<String>) () -> "198.51.100.7"
              : request.getHeaders().getFirst("X-Test-Remote");
      if (value instanceof String text && text.startsWith("helidon:")) {
        // what Helidon MP's JAX-RS service sets on every request
        request.setProperty("io.helidon.jaxrs.remote-host", text.substring("helidon:".length()));
      } else if (value != null) {
        request.setProperty(HmacServerFeature.REMOTE_ADDRESS_PROPERTY, value);
      }
    }
  }

  @Test
  void remoteAddress_fromTheRequestProperty_stringOrSupplier_orHelidons_elseDash()
      throws IOException {
    List<String> seen = new CopyOnWriteArrayList<>();
    HmacVerifier verifier =
        HmacVerifier.builder()
            .keys(KeyRing.of(KEY))
            .listener(
                new VerificationListener() {
                  @Override
                  public void onVerified(VerificationResult.Verified result, RequestView request) {
                    seen.add(request.remoteAddress());
                  }
                })
            .build();
    ResourceConfig app = new ResourceConfig(Ping.class, SetsRemoteAddress.class);

    assertThat(status(app.register(HmacServerFeature.of(verifier)), Instant.now(), "203.0.113.9"))
        .isEqualTo(200);
    assertThat(status(app, Instant.now(), "supplier")).isEqualTo(200);
    assertThat(status(app, Instant.now(), null)).isEqualTo(200);
    assertThat(status(app, Instant.now(), "")).isEqualTo(200);
    assertThat(status(app, Instant.now(), "helidon:192.0.2.44")).isEqualTo(200);

    assertThat(seen).containsExactly("203.0.113.9", "198.51.100.7", "-", "-", "192.0.2.44");
  }

  /** Serves {@link Ping} with the feature and sends one request signed at {@code signedAt}. */
  private static int status(HmacServerFeature feature, Instant signedAt) throws IOException {
    return status(new ResourceConfig(Ping.class).register(feature), signedAt, null);
  }

  /** Serves {@code app} and sends one request to {@link Ping} signed at {@code signedAt}. */
  private static int status(ResourceConfig app, Instant signedAt, @Nullable String remoteHeader)
      throws IOException {
    HttpServer server =
        GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), app);
    try {
      URI uri = URI.create("http://127.0.0.1:" + server.getListener("grizzly").getPort() + "/ping");
      SignedHeaders signed =
          HmacSigner.builder(KEY)
              .clock(InstantSource.fixed(signedAt))
              .build()
              .sign("GET", uri, Map.of(), null);
      HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
      connection.setRequestProperty("Authorization", signed.authorization());
      if (remoteHeader != null) {
        connection.setRequestProperty("X-Test-Remote", remoteHeader);
      }
      return connection.getResponseCode();
    } finally {
      server.shutdownNow();
    }
  }

  private static byte[] secret() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return secret;
  }
}
