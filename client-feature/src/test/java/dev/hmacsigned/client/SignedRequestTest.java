package dev.hmacsigned.client;

import static dev.hmacsigned.client.TestKeys.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.KeyRing;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.WriterInterceptor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of the client feature, run on every JAX-RS client: each request reaches a real HTTP
 * server, which verifies it with core's verifier, and receives byte for byte what the client meant.
 */
class SignedRequestTest {
  private static final Order ORDER = new Order("A-1001", 2, "Crème brûlée für 東京 ✓");
  private static final String TEXT = "Grüße, 世界!\n";
  private static final byte[] ALL_BYTE_VALUES = allByteValues();
  private static final byte[] RANDOM_BODY = TestKeys.randomBytes(100_000);
  private static final Jsonb JSONB = JsonbBuilder.create();

  @TempDir static Path files;

  private static HmacKey key;
  private static VerifyingServer server;

  @BeforeAll
  static void startServer() throws IOException {
    key = TestKeys.randomKey("orders-2026-11");
    server = new VerifyingServer(KeyRing.of(key));
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
    JSONB.close();
  }

  /**
   * One request of the matrix.
   *
   * @param name what it shows
   * @param method the HTTP method
   * @param pathAndQuery the raw request target, sent and signed as is
   * @param entity the entity, or {@code null} for none
   * @param contentType the Content-Type expected on the wire, or {@code null} for none
   * @param covered the {@code headers} parameter expected
   * @param body checks the bytes the server received
   */
  record Exchange(
      String name,
      String method,
      String pathAndQuery,
      Supplier<Entity<?>> entity,
      String contentType,
      String covered,
      Consumer<byte[]> body) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Exchange> exchanges() {
    return Stream.of(
        new Exchange(
            "GET with a repeated, unsorted, percent-encoded query",
            "GET",
            "/api/items/a%2Fb?b=2&a=1&a=0&q=%20x%2Fy&q=caf%C3%A9&flag",
            null,
            null,
            "host",
            body -> assertThat(body).isEmpty()),
        new Exchange(
            "POST a JSON-B record with non-ASCII text",
            "POST",
            "/shop/api/orders",
            () -> Entity.json(ORDER),
            "application/json",
            "host;content-type",
            SignedRequestTest::isTheOrderInJson),
        new Exchange(
            "POST a String",
            "POST",
            "/api/notes?lang=de",
            () -> Entity.entity(TEXT, "text/plain; charset=UTF-8"),
            "text/plain;charset=UTF-8",
            "host;content-type",
            body -> assertThat(body).isEqualTo(utf8(TEXT))),
        new Exchange(
            "POST a byte[] of all 256 byte values",
            "POST",
            "/api/blobs",
            () -> Entity.entity(ALL_BYTE_VALUES.clone(), MediaType.APPLICATION_OCTET_STREAM_TYPE),
            "application/octet-stream",
            "host;content-type",
            body -> assertThat(body).isEqualTo(ALL_BYTE_VALUES)),
        new Exchange(
            "POST an InputStream",
            "POST",
            "/api/blobs",
            () ->
                Entity.entity(
                    new ByteArrayInputStream(RANDOM_BODY), MediaType.APPLICATION_OCTET_STREAM_TYPE),
            "application/octet-stream",
            "host;content-type",
            body -> assertThat(body).isEqualTo(RANDOM_BODY)),
        new Exchange(
            "POST a File",
            "POST",
            "/api/files/report%20final.bin",
            () -> Entity.entity(file(), MediaType.APPLICATION_OCTET_STREAM_TYPE),
            "application/octet-stream",
            "host;content-type",
            body -> assertThat(body).isEqualTo(RANDOM_BODY)),
        new Exchange(
            "POST a Form",
            "POST",
            "/api/login",
            () ->
                Entity.form(
                    new Form().param("name", "Zoë & co").param("expr", "a=b+c").param("name", "2")),
            "application/x-www-form-urlencoded",
            "host;content-type",
            body ->
                // Form is a MultivaluedMap: the values of one name travel together.
                assertThat(formParameters(body))
                    .containsExactly("name=Zoë & co", "name=2", "expr=a=b+c")),
        new Exchange(
            "PUT JSON text",
            "PUT",
            "/api/orders/42",
            () -> Entity.json("{\"status\":\"shipped\"}"),
            "application/json",
            "host;content-type",
            body -> assertThat(body).isEqualTo(utf8("{\"status\":\"shipped\"}"))),
        new Exchange(
            "DELETE with a query",
            "DELETE",
            "/api/orders/42?reason=duplicate",
            null,
            null,
            "host",
            body -> assertThat(body).isEmpty()),
        new Exchange(
            "POST without an entity",
            "POST",
            "/api/orders/42/cancel",
            null,
            null,
            "host",
            body -> assertThat(body).isEmpty()),
        new Exchange(
            "POST an empty String",
            "POST",
            "/api/orders/42/touch",
            () -> Entity.text(""),
            "text/plain",
            "host;content-type",
            body -> assertThat(body).isEmpty()));
  }

  static Stream<Arguments> matrix() {
    List<Arguments> all = new ArrayList<>();
    for (ClientKind kind : ClientKind.values()) {
      exchanges().forEach(exchange -> all.add(Arguments.of(kind, exchange)));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("matrix")
  void request_signedByFeature_serverVerifiesAndReceivesExactBytes(
      ClientKind kind, Exchange exchange) {
    HmacClientFeature feature = HmacClientFeature.builder().key(key).build();
    try (Client client = kind.builder().register(feature).build()) {
      Invocation.Builder request = client.target(server.uri(exchange.pathAndQuery())).request();
      try (Response response =
          exchange.entity() == null
              ? request.method(exchange.method())
              : request.method(exchange.method(), exchange.entity().get())) {
        assertThat(response.getStatus())
            .as("status; rejection: %s", HmacRejection.from(response))
            .isEqualTo(200);
        assertThat(response.getHeaderString(VerifyingServer.PRINCIPAL_HEADER))
            .isEqualTo("orders-2026-11-service");
        VerifyingServer.Received received = server.lastVerified();
        assertThat(received.method()).isEqualTo(exchange.method());
        assertThat(received.rawPath() + query(received.rawQuery()))
            .isEqualTo(exchange.pathAndQuery());
        assertThat(received.header("Content-Type"))
            .isEqualTo(
                kind == ClientKind.CXF
                        && exchange.entity() == null
                        && !exchange.method().equals("GET")
                    ? "text/xml" // CXF's WebClient sends its default type on a POST or DELETE
                    : exchange.contentType());
        assertThat(TestKeys.coveredHeaders(received.header("Authorization")))
            .isEqualTo(exchange.covered());
        if (received.body().length == 0) {
          assertThat(received.header("Content-Digest")).isNull();
        } else {
          assertThat(received.header("Content-Digest")).startsWith("sha-256=:");
        }
        exchange.body().accept(received.body());
        assertThat(response.readEntity(byte[].class)).isEqualTo(received.body());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void request_headerAddedByUserFilter_isCoveredAndVerifies(ClientKind kind) {
    HmacClientFeature feature =
        HmacClientFeature.builder()
            .key(key)
            .coveredHeaders("host", "content-type", "x-request-id")
            .build();
    ClientRequestFilter requestId = context -> context.getHeaders().add("X-Request-Id", "r-7f3a");
    try (Client client =
            kind.builder().register(feature).register(requestId, Priorities.USER).build();
        Response response =
            client.target(server.uri("/api/orders")).request().post(Entity.json(ORDER))) {
      assertThat(response.getStatus()).isEqualTo(200);
      assertThat(TestKeys.coveredHeaders(server.lastVerified().header("Authorization")))
          .isEqualTo("host;content-type;x-request-id");
    }
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void request_gzipEncodedByUserInterceptor_signsTheEncodedBytes(ClientKind kind)
      throws IOException {
    HmacClientFeature feature = HmacClientFeature.builder().key(key).build();
    WriterInterceptor gzip =
        context -> {
          context.getHeaders().putSingle("Content-Encoding", "gzip");
          OutputStream connection = context.getOutputStream();
          GZIPOutputStream zipped = new GZIPOutputStream(connection);
          context.setOutputStream(zipped);
          context.proceed();
          zipped.finish();
          context.setOutputStream(connection);
        };
    try (Client client =
            kind.builder().register(feature).register(gzip, Priorities.ENTITY_CODER).build();
        Response response =
            client
                .target(server.uri("/api/notes"))
                .request()
                .post(Entity.entity(TEXT, "text/plain; charset=UTF-8"))) {
      assertThat(response.getStatus()).isEqualTo(200);
      byte[] received = server.lastVerified().body();
      try (GZIPInputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(received))) {
        assertThat(unzipped.readAllBytes()).isEqualTo(utf8(TEXT));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void request_existingAuthorizationHeader_isReplaced(ClientKind kind) {
    HmacClientFeature feature = HmacClientFeature.builder().key(key).build();
    try (Client client = kind.builder().register(feature).build();
        Response response =
            client
                .target(server.uri("/api/items"))
                .request()
                .header("Authorization", "Bearer stale-token")
                .header("Content-Digest", "sha-256=:AAAA:")
                .get()) {
      assertThat(response.getStatus()).isEqualTo(200);
      assertThat(server.lastVerified().headers().get("authorization")).hasSize(1);
      assertThat(server.lastVerified().header("Content-Digest")).isNull();
    }
  }

  @Test
  void request_jerseyChunkedEntity_headersStillPrecedeTheBody() {
    // Jersey commits headers at the first entity byte; chunked mode sends that byte at once.
    HmacClientFeature feature = HmacClientFeature.builder().key(key).build();
    try (Client client =
            ClientKind.JERSEY
                .builder()
                .property("jersey.config.client.request.entity.processing", "CHUNKED")
                .register(feature)
                .build();
        Response response =
            client
                .target(server.uri("/api/blobs"))
                .request()
                .post(Entity.entity(RANDOM_BODY, MediaType.APPLICATION_OCTET_STREAM_TYPE))) {
      assertThat(response.getStatus()).isEqualTo(200);
      assertThat(server.lastVerified().header("Transfer-Encoding")).isEqualTo("chunked");
      assertThat(server.lastVerified().body()).isEqualTo(RANDOM_BODY);
    }
  }

  @Test
  void request_explicitHostHeaderOnResteasy_isSignedAsSent() {
    HmacClientFeature feature = HmacClientFeature.builder().key(key).build();
    try (Client client = ClientKind.RESTEASY.builder().register(feature).build();
        Response response =
            client
                .target(server.uri("/api/items"))
                .request()
                .header("Host", "api.example.test")
                .get()) {
      assertThat(response.getStatus()).isEqualTo(200);
      assertThat(server.lastVerified().header("Host")).isEqualTo("api.example.test");
    }
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void request_uriWithExplicitDefaultPort_signsTheHostClientsSend(ClientKind kind)
      throws IOException {
    VerifyingServer onPort80;
    try {
      onPort80 = new VerifyingServer(KeyRing.of(key), InstantSource.system(), 80);
    } catch (IOException e) {
      Assumptions.abort("port 80 is not available here: " + e);
      return;
    }
    HmacClientFeature feature = HmacClientFeature.builder().key(key).build();
    try (onPort80;
        Client client = kind.builder().register(feature).build();
        Response response =
            client.target(URI.create("http://127.0.0.1:80/api/items?a=1")).request().get()) {
      assertThat(response.getStatus()).isEqualTo(200);
      assertThat(onPort80.lastVerified().header("Host")).isEqualTo("127.0.0.1");
    }
  }

  private static void isTheOrderInJson(byte[] body) {
    String json = new String(body, StandardCharsets.UTF_8);
    assertThat(json).contains("Crème brûlée für 東京 ✓");
    assertThat(JSONB.fromJson(json, Order.class)).isEqualTo(ORDER);
  }

  private static List<String> formParameters(byte[] body) {
    List<String> parameters = new ArrayList<>();
    for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
      int eq = pair.indexOf('=');
      parameters.add(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8)
              + "="
              + URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return parameters;
  }

  private static File file() {
    try {
      Path file = files.resolve("body.bin");
      Files.write(file, RANDOM_BODY);
      return file.toFile();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String query(String rawQuery) {
    return rawQuery == null ? "" : "?" + rawQuery;
  }

  private static byte[] allByteValues() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < 256; i++) {
      out.write(i);
    }
    return out.toByteArray();
  }
}
