package dev.hmacsigned.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.Algorithm;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.KeySource;
import dev.hmacsigned.core.SignedHeaders;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The request line and authority as the JAX-RS filter verifies them, on a real Jersey server:
 * Jersey serves {@code HEAD} with a {@code GET} method and shows {@code GET} to post-matching
 * filters, and a request may come without a {@code Host} header (HTTP/1.0, HTTP/2).
 */
class JerseyRequestLineTest {
  private static final HmacKey KEY =
      HmacKey.builder("jaxrs-test").secret(randomSecret()).algorithm(Algorithm.HMAC_SHA256).build();
  private static final HmacSigner SIGNER = HmacSigner.builder(KEY).build();

  private static HttpServer server;
  private static int port;

  /** A signed resource with a GET (so Jersey answers HEAD through it) and an OPTIONS method. */
  @Path("items")
  @HmacSigned
  public static class Items {
    @GET
    public Response get(@Context Request request) {
      return Response.ok("item").header("X-Method", request.getMethod()).build();
    }

    @OPTIONS
    public Response options() {
      return Response.ok().header("Allow", "GET, HEAD, OPTIONS").build();
    }
  }

  @BeforeAll
  static void start() {
    ResourceConfig config =
        new ResourceConfig(Items.class)
            .register(HmacServerFeature.builder().keySource(KeySource.of(KeyRing.of(KEY))).build());
    server =
        GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/ctx/"), config);
    port = server.getListener("grizzly").getPort();
  }

  @AfterAll
  static void stop() {
    server.shutdownNow();
  }

  @Test
  void head_signedAsHead_isVerified() throws IOException {
    Reply reply = send("HEAD", "HEAD", "/ctx/items?a=1", true, "HTTP/1.1");

    assertThat(reply.status).as(reply.text).isEqualTo(200);
  }

  @Test
  void head_signedAsGet_isRejected() throws IOException {
    // The method is bound to the signature: a GET's signature does not admit a HEAD.
    Reply reply = send("GET", "HEAD", "/ctx/items?a=1", true, "HTTP/1.1");

    assertThat(reply.status).isEqualTo(401);
  }

  @Test
  void get_signedAsHead_isRejected() throws IOException {
    Reply reply = send("HEAD", "GET", "/ctx/items", true, "HTTP/1.1");

    assertThat(reply.status).isEqualTo(401);
    assertThat(reply.text).contains("\"code\":\"invalid_signature\"");
  }

  @Test
  void rejection_carriesCoresHeadersOnce() throws IOException {
    Reply reply = raw("GET /ctx/items HTTP/1.1\r\nHost: 127.0.0.1:" + port);

    String head = reply.text.substring(0, reply.text.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
    String body = reply.text.substring(reply.text.indexOf("\r\n\r\n") + 4);
    assertThat(reply.status).isEqualTo(401);
    assertThat(head.split("\r\n"))
        .containsOnlyOnce("cache-control: no-store", "content-type: application/problem+json")
        .containsOnlyOnce("content-length: " + body.getBytes(StandardCharsets.UTF_8).length)
        .contains("www-authenticate: hmac-sha256 realm=\"api\"");
    assertThat(body).contains("\"code\":\"missing_signature\"");
  }

  @Test
  void get_withUpgradeH2c_isVerifiedWithoutWaitingForABody() throws IOException {
    // What the JDK HttpClient and Apache CXF's client send on plain HTTP by default. Grizzly does
    // not speak h2c and would hand a body reader the rest of the connection.
    URI uri = URI.create("http://127.0.0.1:" + port + "/ctx/items?q=a/b");
    SignedHeaders signed = SIGNER.sign("GET", uri, Map.of(), null);

    Reply reply =
        raw(
            "GET /ctx/items?q=a/b HTTP/1.1\r\nHost: 127.0.0.1:"
                + port
                + "\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c"
                + "\r\nHTTP2-Settings: AAEAAEAAAAIAAAABAAMAAABkAAQBAAAAAAUAAEAA"
                + "\r\nAuthorization: "
                + signed.authorization());

    assertThat(reply.status).as(reply.text).isEqualTo(200);
  }

  @Test
  void options_signed_isVerified() throws IOException {
    Reply reply = send("OPTIONS", "OPTIONS", "/ctx/items", true, "HTTP/1.1");

    assertThat(reply.status).as(reply.text).isEqualTo(200);
  }

  @Test
  void get_noHostHeader_isVerifiedAgainstTheAuthorityReceived() throws IOException {
    // Without Host (HTTP/1.0 here; HTTP/2 carries :authority instead), the covered host is the
    // authority of the request URI the runtime built. Grizzly builds it from its own name for
    // the listener, localhost; over HTTP/2 it is the client's :authority.
    SignedHeaders signed =
        SIGNER.sign(
            "GET", URI.create("http://LOCALHOST:" + port + "/ctx/items?q=a/b"), Map.of(), null);

    Reply reply =
        raw("GET /ctx/items?q=a%2Fb HTTP/1.0\r\nAuthorization: " + signed.authorization());

    assertThat(reply.status).as(reply.text).isEqualTo(200);
    assertThat(reply.text).endsWith("item");
  }

  @Test
  void get_noHostHeaderAndAnotherAuthoritySigned_isRejected() throws IOException {
    SignedHeaders signed =
        SIGNER.sign(
            "GET", URI.create("http://other.example:" + port + "/ctx/items"), Map.of(), null);

    Reply reply = raw("GET /ctx/items HTTP/1.0\r\nAuthorization: " + signed.authorization());

    assertThat(reply.status).isEqualTo(401);
  }

  /**
   * Signs {@code signedMethod} to {@code target} and sends it as {@code sentMethod}, with or
   * without a Host header.
   */
  private static Reply send(
      String signedMethod, String sentMethod, String target, boolean host, String version)
      throws IOException {
    URI uri = URI.create("http://127.0.0.1:" + port + target);
    SignedHeaders signed = SIGNER.sign(signedMethod, uri, Map.of(), null);
    assertThat(signed.authorization()).contains("headers=\"host\"");
    StringBuilder head = new StringBuilder();
    head.append(sentMethod).append(' ').append(target).append(' ').append(version);
    if (host) {
      head.append("\r\nHost: 127.0.0.1:").append(port);
    }
    head.append("\r\nAuthorization: ").append(signed.authorization());
    return raw(head.toString());
  }

  private static Reply raw(String head) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.UTF_8);
      int status = Integer.parseInt(text.substring(9, 12));
      return new Reply(status, text);
    }
  }

  private record Reply(int status, String text) {}

  private static byte[] randomSecret() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return secret;
  }
}
