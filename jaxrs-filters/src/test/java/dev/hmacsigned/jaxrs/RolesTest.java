package dev.hmacsigned.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.Algorithm;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.KeySource;
import dev.hmacsigned.core.SignedHeaders;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on {@link HmacSigned} resources,
 * enforced by the verifying filter with the key's roles, on a real Jersey server: method over
 * class, and a verified caller without the role gets 403 while an unverified one gets 401.
 */
class RolesTest {
  private static final HmacKey READER = key("reader", "reader");
  private static final HmacKey WRITER = key("writer", "writer");
  private static final HmacKey BOTH = key("both", "reader", "writer");
  private static final HmacKey NO_ROLES = key("no-roles");

  private static HttpServer server;
  private static int port;

  /** Class-level {@code @RolesAllowed("reader")}, and each kind of method-level override. */
  @Path("reading")
  @HmacSigned
  @RolesAllowed("reader")
  public static class Reading {
    @GET
    @Path("class")
    public String classLevel(@Context SecurityContext security) {
      return "class " + security.getUserPrincipal().getName();
    }

    @GET
    @Path("writer")
    @RolesAllowed("writer")
    public String writerOnly() {
      return "writer";
    }

    @GET
    @Path("permit")
    @PermitAll
    public String permitAll() {
      return "permit";
    }

    @GET
    @Path("deny")
    @DenyAll
    public String denyAll() {
      return "deny";
    }

    @POST
    @Path("echo")
    @RolesAllowed({"admin", "writer"})
    public String echo(String body) {
      return body;
    }
  }

  /** Class-level {@code @DenyAll}, opened per method. */
  @Path("closed")
  @HmacSigned
  @DenyAll
  public static class Closed {
    @GET
    public String closed() {
      return "closed";
    }

    @GET
    @Path("reader")
    @RolesAllowed("reader")
    public String reader() {
      return "reader";
    }

    @GET
    @Path("permit")
    @PermitAll
    public String permit() {
      return "permit";
    }
  }

  /** No role annotation: any verified caller; and {@code @HmacSigned} on a method only. */
  @Path("open")
  public static class Open {
    @GET
    @HmacSigned
    public String signed() {
      return "signed";
    }

    @GET
    @Path("denied")
    @HmacSigned
    @DenyAll
    public String denied() {
      return "denied";
    }

    @GET
    @Path("unsigned")
    public String unsigned() {
      return "unsigned";
    }
  }

  @BeforeAll
  static void start() {
    ResourceConfig app =
        new ResourceConfig(Reading.class, Closed.class, Open.class)
            .register(
                HmacServerFeature.builder()
                    .keySource(KeySource.of(KeyRing.of(READER, WRITER, BOTH, NO_ROLES)))
                    .build());
    server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), app);
    port = server.getListener("grizzly").getPort();
  }

  @AfterAll
  static void stop() {
    server.shutdownNow();
  }

  static Stream<Arguments> policies() {
    return Stream.of(
        // path, key, expected status
        Arguments.of("/reading/class", READER, 200),
        Arguments.of("/reading/class", BOTH, 200),
        Arguments.of("/reading/class", WRITER, 403),
        Arguments.of("/reading/class", NO_ROLES, 403),
        Arguments.of("/reading/writer", WRITER, 200),
        Arguments.of("/reading/writer", READER, 403), // the method's roles replace the class's
        Arguments.of("/reading/permit", NO_ROLES, 200),
        Arguments.of("/reading/deny", BOTH, 403),
        Arguments.of("/closed", BOTH, 403),
        Arguments.of("/closed/reader", READER, 200),
        Arguments.of("/closed/reader", WRITER, 403),
        Arguments.of("/closed/permit", NO_ROLES, 200),
        Arguments.of("/open", NO_ROLES, 200),
        Arguments.of("/open/denied", BOTH, 403),
        Arguments.of("/open/unsigned", null, 200));
  }

  @ParameterizedTest(name = "{0} as {1}: {2}")
  @MethodSource("policies")
  void get_asKey_getsThePolicysStatus(String path, @Nullable HmacKey key, int expected)
      throws IOException {
    Reply reply = send("GET", path, key, null);

    assertThat(reply.status()).as(reply.body()).isEqualTo(expected);
    if (expected == 403) {
      assertThat(reply.contentType()).isEqualTo("application/problem+json");
      assertThat(reply.body()).contains("\"status\":403");
    }
  }

  @Test
  void unsignedRequest_toARoleProtectedMethod_is401Not403() throws IOException {
    Reply reply = send("GET", "/reading/writer", null, null);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.body()).contains("\"code\":\"missing_signature\"");
  }

  @Test
  void post_withRole_readsTheVerifiedBody_withoutRole_403() throws IOException {
    Reply echoed = send("POST", "/reading/echo", WRITER, "grüße");
    assertThat(echoed.status()).isEqualTo(200);
    assertThat(echoed.body()).isEqualTo("grüße");
    assertThat(send("POST", "/reading/echo", READER, "grüße").status()).isEqualTo(403);
  }

  @Test
  void headAndOptions_thatJerseyMakesUp_areNotRefusedForWantOfAPolicy() throws IOException {
    // Jersey serves HEAD with the GET method: the GET's policy applies.
    assertThat(send("HEAD", "/reading/class", READER, null).status()).isEqualTo(200);
    assertThat(send("HEAD", "/reading/class", WRITER, null).status()).isEqualTo(403);
    // Jersey answers OPTIONS itself (the Allow header, no resource code) with a method of its own
    // that no name binding reaches: the filter does not run, so it cannot refuse it for want of a
    // policy either.
    Reply options = send("OPTIONS", "/reading/class", WRITER, null);
    assertThat(options.status()).isEqualTo(200);
    assertThat(send("OPTIONS", "/reading/class", null, null).status()).isEqualTo(200);
  }

  private static Reply send(
      String method, String path, @Nullable HmacKey key, @Nullable String body) throws IOException {
    URI uri = URI.create("http://127.0.0.1:" + port + path);
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    connection.setRequestMethod(method);
    byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    Map<String, List<String>> headers =
        bytes == null ? Map.of() : Map.of("Content-Type", List.of("text/plain; charset=UTF-8"));
    headers.forEach((name, values) -> connection.setRequestProperty(name, values.get(0)));
    if (key != null) {
      SignedHeaders signed = HmacSigner.builder(key).build().sign(method, uri, headers, bytes);
      connection.setRequestProperty("Authorization", signed.authorization());
      signed
          .contentDigestHeader()
          .ifPresent(d -> connection.setRequestProperty("Content-Digest", d));
    }
    if (bytes != null) {
      connection.setDoOutput(true);
      try (OutputStream out = connection.getOutputStream()) {
        out.write(bytes);
      }
    }
    int status = connection.getResponseCode();
    InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
    String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    String type = connection.getContentType();
    return new Reply(status, type == null ? null : type.replaceAll(";.*", ""), text);
  }

  private record Reply(int status, @Nullable String contentType, String body) {}

  private static HmacKey key(String id, String... roles) {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return HmacKey.builder(id).secret(secret).algorithm(Algorithm.HMAC_SHA256).roles(roles).build();
  }
}
