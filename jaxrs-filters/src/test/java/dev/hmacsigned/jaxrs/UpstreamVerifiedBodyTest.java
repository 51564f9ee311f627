package dev.hmacsigned.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.Algorithm;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.InMemoryReplayStore;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.RequestView;
import dev.hmacsigned.core.SignedHeaders;
import dev.hmacsigned.core.VerificationResult;
import dev.hmacsigned.core.VerificationResult.Verified;
import jakarta.annotation.Priority;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A request verified upstream (a servlet filter, a Jakarta Security mechanism) reaches an {@link
 * HmacSigned} resource with the verified bytes, whether or not the upstream layer's request wrapper
 * reached the JAX-RS runtime: Open Liberty does not pass a Jakarta Security mechanism's wrapper on,
 * so the runtime holds the container's own stream, already read by the verifier. A
 * {@code @PreMatching} filter on a real Jersey server plays the upstream layer: it verifies with
 * core's verifier, leaves the result in {@value HmacVerifier#VERIFIED_ATTRIBUTE}, and either hands
 * the verified body on (the wrapper kept) or leaves the consumed stream (the wrapper dropped).
 */
class UpstreamVerifiedBodyTest {
  private static final HmacKey KEY = key();

  private @Nullable HttpServer server;

  /** The resource: echoes the body it reads, and says who the caller is. */
  @Path("echo")
  @HmacSigned
  public static class Echo {
    @POST
    public byte[] echo(byte[] body, @Context SecurityContext security) {
      return (security.getUserPrincipal().getName() + ":" + new String(body, ISO)).getBytes(ISO);
    }
  }

  private static final java.nio.charset.Charset ISO = java.nio.charset.StandardCharsets.ISO_8859_1;

  /** The upstream layer, verifying before the library's filter. */
  @PreMatching
  @Priority(1)
  static final class Upstream implements ContainerRequestFilter {
    private final HmacVerifier verifier;
    private final boolean passesVerifiedBody;

    Upstream(HmacVerifier verifier, boolean passesVerifiedBody) {
      this.verifier = verifier;
      this.passesVerifiedBody = passesVerifiedBody;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      VerificationResult result = verifier.verify(new View(request));
      assertThat(result).isInstanceOf(Verified.class);
      Verified verified = (Verified) result;
      request.setProperty(HmacVerifier.VERIFIED_ATTRIBUTE, verified);
      if (passesVerifiedBody) {
        request.setEntityStream(verified.body().openStream());
      }
      // else: the entity stream stays the one the verifier read to its end
    }
  }

  private record View(ContainerRequestContext request) implements RequestView {
    @Override
    public String method() {
      return request.getMethod();
    }

    @Override
    public String rawPath() {
      return request.getUriInfo().getRequestUri().getRawPath();
    }

    @Override
    public @Nullable String rawQuery() {
      return request.getUriInfo().getRequestUri().getRawQuery();
    }

    @Override
    public List<String> headers(String name) {
      return RequestView.headerValues(request.getHeaders(), name);
    }

    @Override
    public @Nullable String authority() {
      return request.getUriInfo().getRequestUri().getRawAuthority();
    }

    @Override
    public InputStream body() {
      return request.getEntityStream();
    }
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.shutdownNow();
    }
  }

  @ParameterizedTest(name = "wrapper kept: {0}, body in a file: {1}")
  @CsvSource({"false, false", "false, true", "true, false", "true, true"})
  void verifiedUpstream_resourceReadsTheVerifiedBytes_onceVerified(
      boolean passesVerifiedBody, boolean inFile) throws IOException {
    HmacVerifier verifier =
        HmacVerifier.builder()
            .keys(KeyRing.of(KEY))
            .replayStore(InMemoryReplayStore.withCapacity(100))
            .memoryThreshold(inFile ? 16 : 1 << 20)
            .build();
    ResourceConfig app =
        new ResourceConfig(Echo.class)
            .register(new Upstream(verifier, passesVerifiedBody))
            .register(HmacServerFeature.builder().verifier(verifier).build());
    server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), app);
    int port = server.getListener("grizzly").getPort();
    byte[] body = new byte[300];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) (i * 7);
    }

    URI uri = URI.create("http://127.0.0.1:" + port + "/echo");
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    connection.setRequestMethod("POST");
    Map<String, List<String>> headers = Map.of("Content-Type", List.of("application/octet-stream"));
    connection.setRequestProperty("Content-Type", "application/octet-stream");
    SignedHeaders signed = HmacSigner.builder(KEY).build().sign("POST", uri, headers, body);
    connection.setRequestProperty("Authorization", signed.authorization());
    signed.contentDigestHeader().ifPresent(d -> connection.setRequestProperty("Content-Digest", d));
    connection.setDoOutput(true);
    try (OutputStream out = connection.getOutputStream()) {
      out.write(body);
    }

    int status = connection.getResponseCode();
    InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
    String reply = new String(in.readAllBytes(), ISO);
    // 200, not the 401 replayed_nonce of a second verification; every byte, not an empty body
    assertThat(status).as(reply).isEqualTo(200);
    assertThat(reply).isEqualTo("upstream-caller:" + new String(body, ISO));
  }

  private static HmacKey key() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return HmacKey.builder("upstream")
        .secret(secret)
        .algorithm(Algorithm.HMAC_SHA256)
        .principal("upstream-caller")
        .build();
  }
}
