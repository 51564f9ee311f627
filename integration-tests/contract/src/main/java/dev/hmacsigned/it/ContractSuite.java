package dev.hmacsigned.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.client.HmacClientFeature;
import dev.hmacsigned.client.HmacRejection;
import dev.hmacsigned.core.Algorithm;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.RejectionCode;
import dev.hmacsigned.core.SignedHeaders;
import dev.hmacsigned.it.app.Order;
import dev.hmacsigned.it.app.OutageSimulatingReplayStore;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every server and client must honour, written once. A subclass provides the server
 * (started in-process, or a WAR deployed on an application server); the client runtime is the one
 * JAX-RS client on the test class path.
 *
 * <p>Every server under test is configured with the contract's keys file, {@link #MAX_BODY_BYTES}
 * and the {@link #REPLAY_STORE}, and serves the contract application: {@code api/…} signed, {@code
 * health} open.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ContractSuite {
  /** The body limit every server under test is configured with ({@code hmac.max-body-bytes}). */
  public static final long MAX_BODY_BYTES = 24L * 1024 * 1024;

  /** The replay store every server under test is configured with ({@code hmac.replay.store}). */
  public static final String REPLAY_STORE = OutageSimulatingReplayStore.NAME;

  static final int LARGE_BODY_BYTES = 20 * 1024 * 1024;
  static final SecureRandom RANDOM = new SecureRandom();

  final ContractKeys.Key orders = ContractKeys.ORDERS;
  final ContractKeys.Key admin = ContractKeys.ADMIN;
  final ContractKeys.Key revoked = ContractKeys.REVOKED;
  final ContractKeys.Key rotatedOld = ContractKeys.ROTATED_OLD;
  final ContractKeys.Key rotatedNew = ContractKeys.ROTATED_NEW;

  ServerUnderTest server;
  Client client;
  WebTarget api;

  /**
   * Starts the server, or describes the one Arquillian started, with the contract's keys file
   * written ({@link ContractKeys#write}, {@link ContractKeys.Rotation#OLD_ONLY}).
   *
   * @return the server
   * @throws Exception if it cannot start
   */
  protected abstract ServerUnderTest serverUnderTest() throws Exception;

  /**
   * The server's log file, also where the server never started: this is when it is needed most.
   *
   * @return the file, or {@code null} if there is none
   */
  protected Path logFile() {
    return server == null ? null : server.log();
  }

  /** Keeps the server's log beside the test reports, where CI collects them. */
  @RegisterExtension
  static final AfterAllCallback KEEP_SERVER_LOG =
      context -> {
        // An extension, not an @AfterAll method: it runs even when starting or deploying failed.
        if (context.getTestInstance().orElse(null) instanceof ContractSuite suite) {
          Path log = suite.logFile();
          if (log != null && Files.exists(log)) {
            Path reports =
                Files.createDirectories(Path.of(System.getProperty("it.reports.dir", "target")));
            Files.copy(
                log,
                reports.resolve(suite.getClass().getSimpleName() + "-server.log"),
                StandardCopyOption.REPLACE_EXISTING);
          }
        }
      };

  /**
   * The class-name fragment of the client runtime this suite must run with.
   *
   * @return {@code jersey} or {@code resteasy}
   */
  protected abstract String clientRuntime();

  @BeforeAll
  void connect() throws Exception {
    server = serverUnderTest();
    client = newClient(orders.hmacKey());
    api = client.target(server.baseUri()).path("api");
    assertThat(ClientBuilder.newBuilder().getClass().getName())
        .containsIgnoringCase(clientRuntime());
  }

  @AfterAll
  void disconnect() throws Exception {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
      // The keys file's secrets never reach the server's log, in either of their usual spellings.
      String log = serverLogText();
      for (ContractKeys.Key k : ContractKeys.all()) {
        assertThat(log)
            .as("the server log")
            .doesNotContain(k.secretBase64())
            .doesNotContainIgnoringCase(HexFormat.of().formatHex(k.secret()));
      }
    }
  }

  /** The server's log; ISO-8859-1 reads any bytes, and what is searched for is ASCII. */
  String serverLogText() throws IOException {
    return Files.readString(server.log(), StandardCharsets.ISO_8859_1);
  }

  /** A request target below the application's root, as it goes on the wire. */
  String path(String relative) {
    return server.baseUri().getRawPath() + relative;
  }

  void writeKeys(ContractKeys.Rotation rotation) throws IOException {
    ContractKeys.write(server.keysFile(), rotation);
  }

  static Client newClient(HmacKey key) {
    return ClientBuilder.newBuilder()
        .register(HmacClientFeature.builder().key(key).build())
        .build();
  }

  // ---------------------------------------------------------------- accepted requests

  @Test
  void get_queryRepeatedUnsortedPercentEncoded_isVerifiedAndSeesTheRawQuery() {
    String query = "b=2&a=1&a=0&flag&name=J%C3%BCrgen%20K&slash=a%2Fb";
    Response response =
        client
            .target(server.baseUri().resolve("api/items/a%20b?" + query))
            .request(MediaType.APPLICATION_JSON)
            .get();
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.readEntity(String.class)).contains("\"query\":\"" + query + "\"");
  }

  @Test
  void post_jsonWithNonAsciiText_roundTrips() {
    Order order = new Order("Zoë Ørsted 😀", "København", 3);
    Order back =
        api.path("orders")
            .request(MediaType.APPLICATION_JSON)
            .post(Entity.json(order), Order.class);
    assertThat(back.name).isEqualTo(order.name);
    assertThat(back.city).isEqualTo(order.city);
    assertThat(back.quantity).isEqualTo(3);
  }

  @Test
  void put_binaryWithEveryByteValue_reachesTheResourceByteForByte() {
    byte[] body = new byte[4096];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) i;
    }
    Response response =
        api.path("echo").request().put(Entity.entity(body, MediaType.APPLICATION_OCTET_STREAM));
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getHeaderString("X-Hmac-Principal")).isEqualTo("orders-service");
    assertThat(response.readEntity(byte[].class)).isEqualTo(body);
  }

  @Test
  void post_inputStreamEntity_isSignedAsSent() {
    byte[] body = random(70_000);
    Response response =
        api.path("echo")
            .request()
            .post(
                Entity.entity(new ByteArrayInputStream(body), MediaType.APPLICATION_OCTET_STREAM));
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.readEntity(byte[].class)).isEqualTo(body);
  }

  @Test
  void post_form_isVerifiedAndParsed() {
    Form form = new Form().param("b", "2").param("a", "ü & ß").param("a", "x=y");
    String text = api.path("form").request().post(Entity.form(form), String.class);
    assertThat(text).isEqualTo("{a=[ü & ß, x=y], b=[2]}");
  }

  @Test
  void post_text_isVerified() {
    String text =
        api.path("text")
            .request()
            .post(Entity.entity("grüße", MediaType.TEXT_PLAIN + ";charset=UTF-8"), String.class);
    assertThat(text).isEqualTo("grüße");
  }

  @Test
  void delete_isVerifiedWithThePrincipal() {
    Response response = api.path("items/42").request().delete();
    assertThat(response.getStatus()).isEqualTo(204);
    assertThat(response.getHeaderString("X-Hmac-Principal")).isEqualTo("orders-service");
  }

  @Test
  void post_emptyBody_isVerified() {
    Response response =
        api.path("echo")
            .request()
            .post(Entity.entity(new byte[0], MediaType.APPLICATION_OCTET_STREAM));
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.readEntity(byte[].class)).isEmpty();
  }

  @Test
  void post_20MiB_goesThroughTheTempFileByteForByteAndLeavesNoFile() throws Exception {
    byte[] body = random(LARGE_BODY_BYTES);
    String answer =
        api.path("digest")
            .request()
            .post(Entity.entity(body, MediaType.APPLICATION_OCTET_STREAM), String.class);
    assertThat(answer).isEqualTo(body.length + " " + sha256(body));
    assertThat(bodyTempFiles()).isEmpty();
  }

  @Test
  void securityContext_carriesPrincipalRolesSchemeAndIsSecureOfTheTransport() {
    assertThat(api.path("whoami").request().get(String.class))
        .isEqualTo("orders-service scheme=HMAC secure=false orders.read=true");
  }

  @Test
  void roles_followTheKeysRoles() {
    // @RolesAllowed on the JAX-RS resource; isUserInRole behind the servlet filter.
    assertThat(status(api.path("admin").request().get())).isEqualTo(403);
    try (Client adminClient = newClient(admin.hmacKey())) {
      Response response = adminClient.target(server.baseUri()).path("api/admin").request().get();
      assertThat(response.getStatus()).isEqualTo(200);
      assertThat(response.readEntity(String.class)).isEqualTo("admin ok");
    }
  }

  @Test
  void unsignedResource_isUntouched() throws IOException {
    RawHttp.Reply health = raw("GET", path("health"), List.of(), new byte[0]);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.text()).isEqualTo("ok");
    byte[] body = random(1000);
    RawHttp.Reply echo =
        raw(
            "POST",
            path("health"),
            List.of(Map.entry("Content-Type", "application/octet-stream")),
            body);
    assertThat(echo.status()).isEqualTo(200);
    assertThat(echo.body()).isEqualTo(body);
  }

  // ---------------------------------------------------------------- rejections on the wire

  /** A correctly signed raw request, then one tampering applied to it. */
  record Wire(
      String method,
      String path,
      String query,
      List<Map.Entry<String, String>> headers,
      byte[] body) {
    Wire with(UnaryOperator<Wire> change) {
      return change.apply(this);
    }

    Wire header(String name, String value) {
      List<Map.Entry<String, String>> copy = new ArrayList<>();
      for (Map.Entry<String, String> h : headers) {
        if (!h.getKey().equalsIgnoreCase(name)) {
          copy.add(h);
        }
      }
      if (value != null) {
        copy.add(Map.entry(name, value));
      }
      return new Wire(method, path, query, copy, body);
    }

    String target() {
      return query == null ? path : path + "?" + query;
    }
  }

  Wire signedWire(HmacKey key, String method, String path, String query, byte[] body, Instant at) {
    return signedWire(key, method, path, query, body, at, null);
  }

  /** A signed request; {@code nonce} is {@code null} for a fresh random one. */
  Wire signedWire(
      HmacKey key,
      String method,
      String path,
      String query,
      byte[] body,
      Instant at,
      String nonce) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Host", List.of("127.0.0.1:" + server.baseUri().getPort()));
    headers.put("Content-Type", List.of("application/json"));
    headers.put("X-Tenant", List.of("acme"));
    HmacSigner.Builder signer =
        HmacSigner.builder(key)
            .coveredHeaders("host", "content-type", "x-tenant")
            .clock(InstantSource.fixed(at));
    if (nonce != null) {
      signer.nonces(() -> nonce);
    }
    SignedHeaders signed = signer.build().sign(method, path, query, headers, body);
    List<Map.Entry<String, String>> wire = new ArrayList<>();
    headers.forEach((k, v) -> wire.add(Map.entry(k, v.get(0))));
    wire.add(Map.entry("Authorization", signed.authorization()));
    signed.contentDigestHeader().ifPresent(d -> wire.add(Map.entry("Content-Digest", d)));
    return new Wire(method, path, query, wire, body);
  }

  /** A signed GET of a path below the application's root, without a query. */
  Wire signedGet(HmacKey key, String relativePath, Instant at) {
    return signedWire(key, "GET", path(relativePath), null, new byte[0], at);
  }

  Wire validWire() {
    return signedWire(
        orders.hmacKey(),
        "POST",
        path("api/echo"),
        "x=1",
        "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
        Instant.now());
  }

  RawHttp.Reply send(Wire wire) throws IOException {
    return raw(wire.method(), wire.target(), wire.headers(), wire.body());
  }

  RawHttp.Reply raw(
      String method, String target, List<Map.Entry<String, String>> headers, byte[] body)
      throws IOException {
    List<Map.Entry<String, String>> all = new ArrayList<>(headers);
    if (all.stream().noneMatch(h -> h.getKey().equalsIgnoreCase("Host"))) {
      all.add(0, Map.entry("Host", "127.0.0.1:" + server.baseUri().getPort()));
    }
    return RawHttp.send(server.baseUri().getPort(), method, target, all, body);
  }

  Stream<Arguments> tamperings() {
    String otherAuth =
        "HMAC-SHA256 keyId=\"orders-2026-11\", timestamp=\""
            + Instant.now().getEpochSecond()
            + "\", nonce=\"AAAAAAAAAAAAAAAAAAAAAA\", headers=\"host\", signature=\""
            + "0".repeat(64)
            + "\"";
    return Stream.of(
        Arguments.of(
            "tampered method",
            (UnaryOperator<Wire>) w -> new Wire("PUT", w.path(), w.query(), w.headers(), w.body()),
            401,
            "invalid_signature"),
        Arguments.of(
            "tampered path (another signed resource)",
            (UnaryOperator<Wire>)
                w -> new Wire(w.method(), path("api/digest"), w.query(), w.headers(), w.body()),
            401,
            "invalid_signature"),
        Arguments.of(
            "tampered query",
            (UnaryOperator<Wire>) w -> new Wire(w.method(), w.path(), "x=2", w.headers(), w.body()),
            401,
            "invalid_signature"),
        Arguments.of(
            "query added",
            (UnaryOperator<Wire>)
                w -> new Wire(w.method(), w.path(), "x=1&y=2", w.headers(), w.body()),
            401,
            "invalid_signature"),
        Arguments.of(
            "tampered covered header",
            (UnaryOperator<Wire>) w -> w.header("X-Tenant", "evil"),
            401,
            "invalid_signature"),
        Arguments.of(
            "covered header removed",
            (UnaryOperator<Wire>) w -> w.header("X-Tenant", null),
            401,
            "malformed_signature"),
        Arguments.of(
            "tampered body",
            (UnaryOperator<Wire>)
                w ->
                    new Wire(
                        w.method(),
                        w.path(),
                        w.query(),
                        w.headers(),
                        "{\"a\":2}".getBytes(StandardCharsets.UTF_8)),
            401,
            "invalid_signature"),
        Arguments.of(
            "tampered body, no Content-Digest",
            (UnaryOperator<Wire>)
                w ->
                    new Wire(
                        w.method(),
                        w.path(),
                        w.query(),
                        w.header("Content-Digest", null).headers(),
                        "{\"a\":2}".getBytes(StandardCharsets.UTF_8)),
            401,
            "invalid_signature"),
        Arguments.of(
            "malformed Content-Digest",
            (UnaryOperator<Wire>) w -> w.header("Content-Digest", "sha-256=abc"),
            401,
            "malformed_signature"),
        Arguments.of(
            "malformed Authorization",
            (UnaryOperator<Wire>) w -> w.header("Authorization", "HMAC-SHA256 keyId=\"x\""),
            401,
            "malformed_signature"),
        Arguments.of(
            "unknown HMAC scheme",
            (UnaryOperator<Wire>) w -> w.header("Authorization", "HMAC-SHA1 keyId=\"x\""),
            401,
            "malformed_signature"),
        Arguments.of(
            "two Authorization headers",
            (UnaryOperator<Wire>)
                w ->
                    new Wire(
                        w.method(),
                        w.path(),
                        w.query(),
                        Stream.concat(
                                w.headers().stream(),
                                w.headers().stream()
                                    .filter(h -> h.getKey().equals("Authorization")))
                            .toList(),
                        w.body()),
            401,
            "malformed_signature"),
        Arguments.of(
            "missing Authorization",
            (UnaryOperator<Wire>) w -> w.header("Authorization", null),
            401,
            "missing_signature"),
        Arguments.of(
            "Bearer instead",
            (UnaryOperator<Wire>) w -> w.header("Authorization", "Bearer abc"),
            401,
            "missing_signature"),
        Arguments.of(
            "wrong MAC",
            (UnaryOperator<Wire>) w -> w.header("Authorization", otherAuth),
            401,
            "invalid_signature"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tamperings")
  void rejection_tamperedRequest_getsTheDocumentedStatusAndCode(
      String name, UnaryOperator<Wire> tamper, int status, String code) throws IOException {
    assertThat(send(validWire()).status()).as("the untampered request").isEqualTo(200);
    assertRejected(send(validWire().with(tamper)), status, code);
  }

  @Test
  void rejection_authorizationOver8KiB_isRefusedWithoutA500() throws IOException {
    RawHttp.Reply reply =
        send(validWire().header("Authorization", "HMAC-SHA256 keyId=\"" + "k".repeat(8200) + "\""));
    // Grizzly and Undertow cap header size themselves (400/431) before any filter runs; where a
    // container lets it through, the library answers malformed_signature.
    if (reply.status() == 401) {
      assertRejected(reply, 401, "malformed_signature");
    } else {
      assertThat(reply.status()).isIn(400, 431);
    }
    assertThat(status(api.path("whoami").request().get())).isEqualTo(200);
  }

  @Test
  void rejection_staleTimestamp_isStale() throws IOException {
    // The window is 300 s; 360 leaves a minute for the calls themselves.
    assertRejected(
        send(signedGet(orders.hmacKey(), "api/whoami", Instant.now().minusSeconds(360))),
        401,
        "stale_timestamp");
    assertRejected(
        send(signedGet(orders.hmacKey(), "api/whoami", Instant.now().plusSeconds(360))),
        401,
        "stale_timestamp");
  }

  @Test
  void rejection_unknownKey_isInvalidSignature() throws IOException {
    HmacKey stranger = ContractKeys.stranger("stranger").hmacKey();
    assertRejected(
        send(signedGet(stranger, "api/whoami", Instant.now())), 401, "invalid_signature");
  }

  @Test
  void rejection_revokedKey_isInvalidSignature() throws IOException {
    assertRejected(
        send(signedGet(revoked.hmacKey(), "api/whoami", Instant.now())), 401, "invalid_signature");
  }

  @Test
  void rejection_algorithmDowngrade_isInvalidSignature() throws IOException {
    // The admin key is an HMAC-SHA512 key; the same secret used as HMAC-SHA256 must not pass.
    HmacKey downgraded =
        HmacKey.builder(admin.id()).secret(admin.secret()).algorithm(Algorithm.HMAC_SHA256).build();
    assertRejected(
        send(signedGet(downgraded, "api/admin", Instant.now())), 401, "invalid_signature");
  }

  @Test
  void rejection_replay_isRejectedAndTheFirstStillAccepted() throws IOException {
    Wire wire = validWire();
    assertThat(send(wire).status()).isEqualTo(200);
    assertRejected(send(wire), 401, "replayed_nonce");
  }

  @Test
  void rejection_bodyOverTheLimit_is413AndTheServerStaysHealthy() throws IOException {
    byte[] body = random((int) MAX_BODY_BYTES + 1024);
    Wire wire = signedWire(orders.hmacKey(), "POST", path("api/digest"), null, body, Instant.now());
    RawHttp.Reply reply = send(wire);
    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.text()).contains("\"code\":\"body_too_large\"");
    assertThat(status(api.path("whoami").request().get())).isEqualTo(200);
    assertThat(bodyTempFiles()).isEmpty();
  }

  @Test
  void rejection_replayStoreUnavailable_is503AndFailsClosed() throws IOException {
    // The contract's replay store simulates an outage for nonces with this prefix.
    String nonce = OutageSimulatingReplayStore.OUTAGE_NONCE_PREFIX + UUID.randomUUID();
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    Wire wire =
        signedWire(orders.hmacKey(), "POST", path("api/echo"), null, body, Instant.now(), nonce);
    assertRejected(send(wire), 503, "replay_store_unavailable");
    // The outage answered one request and broke nothing: the same call with a fresh nonce passes.
    Wire fresh = signedWire(orders.hmacKey(), "POST", path("api/echo"), null, body, Instant.now());
    RawHttp.Reply accepted = send(fresh);
    assertThat(accepted.status()).isEqualTo(200);
    assertThat(accepted.body()).isEqualTo(body);
  }

  @Test
  void rejection_isLoggedOnTheServerWithItsReasonAndKeyId() throws Exception {
    String id = UUID.randomUUID().toString();
    Wire wire = signedGet(orders.hmacKey(), "api/items/" + id, Instant.now());
    assertThat(send(wire).status()).isEqualTo(200);
    assertRejected(send(wire), 401, "replayed_nonce");
    String line = "code=replayed_nonce reason=REPLAYED_NONCE";
    Instant deadline = Instant.now().plusSeconds(10); // a server may buffer its log briefly
    while (!logLineFor(id).contains(line) && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertThat(logLineFor(id)).contains(line).contains("keyId=" + orders.id());
  }

  /** The server's log lines that mention {@code text}. */
  String logLineFor(String text) throws IOException {
    return serverLogText().lines().filter(l -> l.contains(text)).collect(Collectors.joining("\n"));
  }

  @Test
  void rejection_seenByTheJavaClient_surfacesThePublicCode() {
    HmacKey stranger = ContractKeys.stranger("stranger").hmacKey();
    try (Client strangerClient = newClient(stranger)) {
      Response response =
          strangerClient.target(server.baseUri()).path("api/whoami").request().get();
      assertThat(response.getStatus()).isEqualTo(401);
      assertThat(HmacRejection.from(response).map(HmacRejection::code))
          .contains(RejectionCode.INVALID_SIGNATURE);
    }
  }

  void assertRejected(RawHttp.Reply reply, int status, String code) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reply.text()).contains("\"code\":\"" + code + "\"").doesNotContain("Exception");
    if (status == 401) {
      assertThat(String.join(",", reply.all("WWW-Authenticate")))
          .contains("HMAC-SHA256 realm=\"api\"")
          .contains("HMAC-SHA512 realm=\"api\"");
    }
  }

  // ---------------------------------------------------------------- rotation

  @Test
  void rotation_keysFileRewrittenWhileRunning_addsTheNewKeyThenRevokesTheOld() throws Exception {
    try (Client oldClient = newClient(rotatedOld.hmacKey());
        Client newClient = newClient(rotatedNew.hmacKey())) {
      assertThat(whoami(oldClient)).isEqualTo(200);
      assertThat(whoami(newClient)).as("the new key, not yet in the file").isEqualTo(401);

      writeKeys(ContractKeys.Rotation.BOTH);
      assertThat(awaitWhoami(newClient, 200)).as("the new key, once added").isEqualTo(200);
      assertThat(whoami(oldClient)).as("the old key, during the overlap").isEqualTo(200);

      writeKeys(ContractKeys.Rotation.NEW_ONLY);
      assertThat(awaitWhoami(oldClient, 401)).as("the old key, once revoked").isEqualTo(401);
      assertThat(whoami(newClient)).isEqualTo(200);
    } finally {
      writeKeys(ContractKeys.Rotation.OLD_ONLY);
    }
  }

  int whoami(Client caller) {
    return status(caller.target(server.baseUri()).path("api/whoami").request().get());
  }

  /** The server re-reads its keys file at most once a second, when a request comes. */
  int awaitWhoami(Client caller, int expected) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(10);
    int status = whoami(caller);
    while (status != expected && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      status = whoami(caller);
    }
    return status;
  }

  // ---------------------------------------------------------------- concurrency

  @Test
  void concurrency_2000SignedRequestsOver16Threads_noFalseRejection() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < 2000; i++) {
        int n = i;
        results.add(
            pool.submit(
                () ->
                    n % 2 == 0
                        ? status(api.path("items/" + n).queryParam("i", n).request().get())
                        : status(
                            api.path("echo")
                                .request()
                                .post(
                                    Entity.entity(
                                        ("body " + n).getBytes(StandardCharsets.UTF_8),
                                        MediaType.APPLICATION_OCTET_STREAM)))));
      }
      int ok = 0;
      for (Future<Integer> result : results) {
        if (result.get(60, TimeUnit.SECONDS) == 200) {
          ok++;
        }
      }
      long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
      System.out.printf(
          "CONCURRENCY %s client -> %s server: %d/2000 accepted in %d ms (%.0f req/s)%n",
          clientRuntime(), server.name(), ok, millis, 2000 * 1000.0 / millis);
      assertThat(ok).isEqualTo(2000);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrency_oneRequestReplayedFrom16Threads_isAcceptedExactlyOnce() throws Exception {
    Wire wire = validWire();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Callable<Integer>> sends = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        sends.add(() -> send(wire).status());
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : pool.invokeAll(sends)) {
        statuses.add(f.get());
      }
      assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
      assertThat(statuses).filteredOn(s -> s == 401).hasSize(15);
    } finally {
      pool.shutdownNow();
    }
  }

  // ---------------------------------------------------------------- the Python reference client

  @Test
  void pythonReferenceClient_postJson_isVerifiedAndEchoed() throws Exception {
    byte[] body = "{\"name\":\"Zoë\",\"city\":\"København\"}".getBytes(StandardCharsets.UTF_8);
    Path data = Files.write(Files.createTempFile("python-body-", ".json"), body);
    Map<String, Object> reply;
    try {
      reply =
          python(
              "--method",
              "POST",
              "--url",
              server.baseUri() + "api/echo?b=2&a=1",
              "--data-file",
              data.toString(),
              "--header",
              "Content-Type: application/json");
    } finally {
      Files.delete(data);
    }
    assertThat(reply.get("status")).isEqualTo(200);
    assertThat(Base64.getDecoder().decode((String) reply.get("body_base64"))).isEqualTo(body);
  }

  @Test
  void pythonReferenceClient_getWithEncodedPathAndQuery_isVerified() throws Exception {
    Map<String, Object> reply =
        python("--url", server.baseUri() + "api/items/a%20b?z=1&a=%20x&flag");
    assertThat(reply.get("status")).isEqualTo(200);
    assertThat(
            new String(
                Base64.getDecoder().decode((String) reply.get("body_base64")),
                StandardCharsets.UTF_8))
        .contains("\"query\":\"z=1&a=%20x&flag\"");
  }

  @Test
  void pythonReferenceClient_staleClock_getsStaleTimestamp() throws Exception {
    Map<String, Object> reply =
        python("--url", server.baseUri() + "api/whoami", "--timestamp-offset", "-1000");
    assertThat(reply.get("status")).isEqualTo(401);
    assertThat(
            new String(
                Base64.getDecoder().decode((String) reply.get("body_base64")),
                StandardCharsets.UTF_8))
        .contains("stale_timestamp");
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> python(String... args) throws Exception {
    Path repo = Path.of(requiredProperty("it.repo-root"));
    List<String> command =
        new ArrayList<>(
            List.of(
                "python3",
                repo.resolve("clients/python/hmac_signed.py").toString(),
                "request",
                "--key-id",
                orders.id(),
                "--secret-base64",
                orders.secretBase64()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(err).isZero();
    return new com.fasterxml.jackson.databind.ObjectMapper().readValue(out, Map.class);
  }

  // ---------------------------------------------------------------- helpers

  /**
   * A system property the module's build sets.
   *
   * @param name the property
   * @return its value
   */
  static String requiredProperty(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "System property " + name + " is not set: the module's build sets it");
    }
    return value;
  }

  /** Body files left in the server's temporary directory (there should be none, ever). */
  List<Path> bodyTempFiles() throws IOException {
    // Ask the server where it spills bodies: looking in the wrong directory could never fail.
    RawHttp.Reply tmpdir = raw("GET", path("health/tmpdir"), List.of(), new byte[0]);
    assertThat(tmpdir.status()).isEqualTo(200);
    assertThat(Path.of(tmpdir.text()).toRealPath()).isEqualTo(server.tempDirectory().toRealPath());
    try (Stream<Path> files = Files.list(server.tempDirectory())) {
      return files.filter(p -> p.getFileName().toString().startsWith("hmac-signed-body-")).toList();
    }
  }

  /** Reads the status and closes the response, so that pooled client connections are returned. */
  static int status(Response response) {
    try (response) {
      return response.getStatus();
    }
  }

  static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  static String sha256(byte[] body) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
  }
}
