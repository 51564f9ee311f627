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
import dev.hmacsigned.core.VerificationListener;
import dev.hmacsigned.core.VerificationResult;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

/** A listener added to the feature's builder is told of every verdict, on a real Jersey server. */
class ServerFeatureListenerTest {
  private static final HmacKey KEY =
      HmacKey.builder("listener-test").secret(secret()).algorithm(Algorithm.HMAC_SHA256).build();

  @Path("ping")
  @HmacSigned
  public static class Ping {
    @GET
    public String ping() {
      return "pong";
    }
  }

  @Test
  void addListener_signedAndUnsignedRequests_listenerIsToldOfBothAndOfTheKeySource()
      throws IOException {
    List<String> seen = new CopyOnWriteArrayList<>();
    KeySource keys = KeySource.of(KeyRing.of(KEY));
    VerificationListener listener =
        new VerificationListener() {
          @Override
          public void onVerified(VerificationResult.Verified result, RequestView request) {
            seen.add("verified " + result.keyId());
          }

          @Override
          public void onRejected(VerificationResult.Rejected result, RequestView request) {
            seen.add("rejected " + result.code().code());
          }

          @Override
          public void onVerifierBuilt(KeySource keySource) {
            seen.add(keySource == keys ? "built with the feature's keys" : "built with others");
          }
        };
    HmacServerFeature feature =
        HmacServerFeature.builder().keySource(keys).addListener(listener).build();
    HttpServer server =
        GrizzlyHttpServerFactory.createHttpServer(
            URI.create("http://127.0.0.1:0/"), new ResourceConfig(Ping.class).register(feature));
    try {
      URI uri = URI.create("http://127.0.0.1:" + server.getListener("grizzly").getPort() + "/ping");
      HttpURLConnection signed = (HttpURLConnection) uri.toURL().openConnection();
      signed.setRequestProperty(
          "Authorization",
          HmacSigner.builder(KEY).build().sign("GET", uri, Map.of(), null).authorization());
      assertThat(signed.getResponseCode()).isEqualTo(200);
      assertThat(((HttpURLConnection) uri.toURL().openConnection()).getResponseCode())
          .isEqualTo(401);
    } finally {
      server.shutdownNow();
    }
    assertThat(seen)
        .containsExactly(
            "built with the feature's keys",
            "verified listener-test",
            "rejected missing_signature");
  }

  @Test
  void build_verifierAndAListener_isRefused() {
    HmacVerifier verifier = HmacVerifier.builder().keys(KeyRing.of(KEY)).build();
    assertThatThrownBy(
            () ->
                HmacServerFeature.builder()
                    .verifier(verifier)
                    .addListener(new VerificationListener() {})
                    .build())
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("not both");
  }

  private static byte[] secret() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return secret;
  }
}
