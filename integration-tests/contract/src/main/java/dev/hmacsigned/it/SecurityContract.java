package dev.hmacsigned.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.SignedHeaders;
import dev.hmacsigned.it.ContractKeys.Key;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code hmac-signed-jakarta-security} on an application server: the WAR of {@link SecurityWars},
 * whose only authentication mechanism is the library's. A verified caller is the container's caller
 * everywhere (servlet request, JAX-RS, EJB, Jakarta Security's {@code SecurityContext} in a CDI
 * bean), the container enforces its roles ({@code <security-constraint>}, {@code @RolesAllowed} on
 * an EJB and on a JAX-RS resource), the application reads the body byte for byte, and whatever the
 * library rejects gets the library's status and code.
 *
 * <p>Each server's module says where the WAR is ({@link #baseUri()}); the keys are {@link
 * ContractKeys#ORDERS} (principal {@code orders-service}, roles {@code orders.read}, {@code
 * orders.write}) and {@link ContractKeys#ADMIN} (role {@code admin} only).
 */
public abstract class SecurityContract {
  private static final String WRITER = ContractKeys.ORDERS.principal();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /**
   * The WAR's root, ending in {@code /}.
   *
   * @return where the WAR is
   */
  protected abstract URI baseUri();

  /** A request's answer. */
  protected record Reply(int status, Map<String, List<String>> headers, String body) {
    /**
     * The answer's {@code name=value} lines.
     *
     * @return the report
     */
    Map<String, String> report() {
      Map<String, String> lines = new LinkedHashMap<>();
      for (String line : body.split("\n")) {
        int equals = line.indexOf('=');
        if (equals > 0) {
          lines.put(line.substring(0, equals), line.substring(equals + 1));
        }
      }
      return lines;
    }

    @Nullable String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"api/caller/signed", "api/caller/container", "servlet/orders"})
  void signedWithTheRole_isTheCallerEverywhere_andTheBodyArrivesByteForByte(String path)
      throws Exception {
    byte[] body = binaryBody(3000);

    Reply reply = send("POST", path, ContractKeys.ORDERS, body, body);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    Map<String, String> report = reply.report();
    assertThat(report.get("request")).as(reply.body()).isEqualTo(WRITER);
    assertThat(report.get("ejb")).as("EJBContext.getCallerPrincipal()").isEqualTo(WRITER);
    assertThat(report.get("cdi")).as("Jakarta Security's SecurityContext").isEqualTo(WRITER);
    assertThat(report.get("cdi-in-role")).isEqualTo("true");
    assertThat(report.get("body-length")).isEqualTo(Integer.toString(body.length));
    assertThat(report.get("body-sha256")).isEqualTo(sha256(body));
    if (path.startsWith("api/")) {
      assertThat(report.get("jaxrs")).as("JAX-RS SecurityContext").isEqualTo(WRITER);
      assertThat(report.get("jaxrs-in-role")).isEqualTo("true");
      assertThat(report.get("cdi-in-other-role")).isEqualTo("false");
    } else {
      assertThat(report.get("request-in-role")).isEqualTo("true");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"api/caller/signed", "api/caller/container", "servlet/orders"})
  void signedWithoutTheRole_is403(String path) throws Exception {
    byte[] body = "{}".getBytes(StandardCharsets.US_ASCII);

    Reply reply = send("POST", path, ContractKeys.ADMIN, body, body);

    assertThat(reply.status()).as(reply.body()).isEqualTo(403);
  }

  @Test
  void ejbRolesAllowed_followsTheKeysRoles() throws Exception {
    Reply writer = send("GET", "api/caller/ejb", ContractKeys.ORDERS, null, null);
    assertThat(writer.status()).as(writer.body()).isEqualTo(200);
    assertThat(writer.report().get("ejb")).isEqualTo(WRITER);

    Reply admin = send("GET", "api/caller/ejb", ContractKeys.ADMIN, null, null);
    assertThat(admin.status()).as(admin.body()).isEqualTo(403);
    assertThat(admin.body()).isEqualTo("refused by the EJB container");
  }

  @Test
  void signedRequest_toAnUnprotectedResource_isLoggedInAllTheSame() throws Exception {
    Reply reply = send("GET", "api/caller/anyone", ContractKeys.ADMIN, null, null);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    String admin = ContractKeys.ADMIN.principal();
    assertThat(reply.report())
        .containsEntry("request", admin)
        .containsEntry("jaxrs", admin)
        .containsEntry("cdi", admin);
  }

  @Test
  void unsignedRequest_toAnUnprotectedResource_goesOnAnonymous() throws Exception {
    Reply reply = send("GET", "api/caller/anyone", null, null, null);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.report().get("request")).isNotEqualTo(WRITER);
    assertThat(reply.report().get("cdi")).isNotEqualTo(WRITER);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"servlet/orders", "api/caller/signed", "api/caller/container"})
  void unsignedRequest_toAProtectedResource_getsTheLibrarys401(String path) throws Exception {
    Reply reply = send("POST", path, null, new byte[] {1, 2}, new byte[] {1, 2});

    if (path.equals("api/caller/container")) {
      // The container's own JAX-RS @RolesAllowed refuses an anonymous caller, in its own words.
      assertThat(reply.status()).as(reply.body()).isIn(401, 403);
      return;
    }
    assertProblem(reply, 401, "missing_signature");
    assertThat(reply.header("WWW-Authenticate")).startsWith("HMAC-SHA256");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"servlet/orders", "api/caller/signed", "api/caller/anyone"})
  void tamperedBody_is401InvalidSignature(String path) throws Exception {
    byte[] signedBody = "{\"amount\":10}".getBytes(StandardCharsets.US_ASCII);
    byte[] sentBody = "{\"amount\":99}".getBytes(StandardCharsets.US_ASCII);

    Reply reply = send("POST", path, ContractKeys.ORDERS, signedBody, sentBody);

    assertProblem(reply, 401, "invalid_signature");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"servlet/orders", "api/caller/signed"})
  void replayedRequest_is401ReplayedNonce(String path) throws Exception {
    byte[] body = binaryBody(64);
    URI uri = baseUri().resolve(path);
    HttpRequest request = signed("POST", uri, ContractKeys.ORDERS, body, body);

    Reply first = send(request);
    Reply second = send(request);

    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertProblem(second, 401, "replayed_nonce");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"api/caller/signed", "api/caller/container", "servlet/orders"})
  void rejection_isTheOnlyAnswer_andTheConnectionStaysInStep(String path) throws Exception {
    byte[] signedBody = "{\"amount\":10}".getBytes(StandardCharsets.US_ASCII);
    byte[] sentBody = "{\"amount\":99}".getBytes(StandardCharsets.US_ASCII);
    URI uri = baseUri().resolve(path);
    Map<String, List<String>> headers = Map.of("Content-Type", List.of("application/octet-stream"));
    SignedHeaders signature =
        HmacSigner.builder(ContractKeys.ORDERS.hmacKey())
            .build()
            .sign("POST", uri, headers, signedBody);
    String authority = uri.getHost() + ":" + uri.getPort();
    String tampered =
        "POST "
            + uri.getRawPath()
            + " HTTP/1.1\r\nHost: "
            + authority
            + "\r\nContent-Type: application/octet-stream\r\nAuthorization: "
            + signature.authorization()
            + "\r\nContent-Digest: "
            + signature.contentDigestHeader().orElseThrow()
            + "\r\nContent-Length: "
            + sentBody.length
            + "\r\n\r\n"
            + new String(sentBody, StandardCharsets.US_ASCII);
    String next =
        "GET "
            + baseUri().resolve("health").getRawPath()
            + " HTTP/1.1\r\nHost: "
            + authority
            + "\r\nConnection: close\r\n\r\n";

    String exchange;
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write((tampered + next).getBytes(StandardCharsets.US_ASCII));
      exchange = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    // The rejection, its body exactly Content-Length long, then the next request's own answer (or
    // nothing, if the server closes the connection after a rejection): a
    // second answer written after the first (a server that let the request go on) would stand
    // where the next status line belongs.
    assertThat(exchange).as(exchange).startsWith("HTTP/1.1 401");
    int headersEnd = exchange.indexOf("\r\n\r\n");
    java.util.regex.Matcher length =
        java.util.regex.Pattern.compile("(?i)\r\ncontent-length: *(\\d+)")
            .matcher(exchange.substring(0, headersEnd));
    assertThat(length.find()).as(exchange).isTrue();
    int bodyEnd = headersEnd + 4 + Integer.parseInt(length.group(1));
    assertThat(exchange.substring(headersEnd + 4, bodyEnd))
        .contains("\"code\":\"invalid_signature\"");
    String after = exchange.substring(bodyEnd);
    if (!after.isEmpty()) { // else the server closed the connection after its answer: also in step
      assertThat(after).as(exchange).startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void bodyOverTheLimit_is413() throws Exception {
    byte[] body = binaryBody((int) SecurityWars.MAX_BODY_BYTES + 1);

    Reply reply = send("POST", "servlet/orders", ContractKeys.ORDERS, body, body);

    assertProblem(reply, 413, "body_too_large");
  }

  private static void assertProblem(Reply reply, int status, String code) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reply.body()).contains("\"code\":\"" + code + "\"");
    assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private Reply send(
      String method,
      String path,
      @Nullable Key key,
      byte @Nullable [] signedBody,
      byte @Nullable [] sentBody)
      throws IOException, InterruptedException {
    URI uri = baseUri().resolve(path);
    if (key == null) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(30))
              .method(method, publisher(sentBody));
      if (sentBody != null) {
        request.header("Content-Type", "application/octet-stream");
      }
      return send(request.build());
    }
    HttpRequest request = signed(method, uri, key, signedBody, sentBody);
    return send(request);
  }

  private static HttpRequest signed(
      String method, URI uri, Key key, byte @Nullable [] signedBody, byte @Nullable [] sentBody) {
    Map<String, List<String>> headers =
        signedBody == null ? Map.of() : Map.of("Content-Type", List.of("application/octet-stream"));
    SignedHeaders signature =
        HmacSigner.builder(key.hmacKey()).build().sign(method, uri, headers, signedBody);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .method(method, publisher(sentBody))
            .header("Authorization", signature.authorization());
    headers.forEach((name, values) -> request.header(name, values.get(0)));
    signature.contentDigestHeader().ifPresent(digest -> request.header("Content-Digest", digest));
    return request.build();
  }

  private static HttpRequest.BodyPublisher publisher(byte @Nullable [] body) {
    return body == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body);
  }

  private static Reply send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    return new Reply(
        response.statusCode(),
        response.headers().map(),
        new String(response.body(), StandardCharsets.UTF_8));
  }

  /** Every byte value, CR, LF and NUL included, in a random order. */
  private static byte[] binaryBody(int length) {
    byte[] body = new byte[length];
    RANDOM.nextBytes(body);
    for (int i = 0; i < Math.min(256, length); i++) {
      body[i] = (byte) i;
    }
    return body;
  }

  private static String sha256(byte[] body) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
  }
}
