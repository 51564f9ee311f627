package dev.hmacsigned.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.Algorithm;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.InMemoryReplayStore;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.KeyStatus;
import dev.hmacsigned.core.ReplayStore;
import dev.hmacsigned.core.ReplayStoreUnavailableException;
import dev.hmacsigned.core.SignedHeaders;
import dev.hmacsigned.testing.RawHttpClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every rejection of protocol v1 §6, sent as raw HTTP: the filter answers with the status, the
 * challenges, the problem document and its code, and the servlet never runs.
 */
class HmacServletFilterRejectionTest {
  static final String REALM = "rejection-test";
  static final int MAX_BODY_BYTES = 64 * 1024;
  static final byte[] JSON = "{\"order\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8);

  static final byte[] SECRET = TestKeys.secret(Algorithm.HMAC_SHA256);
  static final HmacKey KEY = HmacKey.builder("orders").secret(SECRET).build();
  static final HmacSigner SIGNER = TestKeys.signer(KEY);

  static final byte[] REVOKED_SECRET = TestKeys.secret(Algorithm.HMAC_SHA256);
  static final byte[] SHA512_SECRET = TestKeys.secret(Algorithm.HMAC_SHA512);
  static final byte[] EXPIRED_SECRET = TestKeys.secret(Algorithm.HMAC_SHA256);

  static final AtomicBoolean STORE_FAILS = new AtomicBoolean();
  static final Logger LOG = Logger.getLogger("dev.hmacsigned");
  static final List<LogRecord> LOG_RECORDS = new ArrayList<>();
  static final Handler CAPTURE =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          synchronized (LOG_RECORDS) {
            LOG_RECORDS.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  static Level previousLevel;

  static TestServer server;
  static RawHttpClient wire;

  @BeforeAll
  static void startServer() throws Exception {
    previousLevel = LOG.getLevel();
    LOG.setLevel(Level.ALL);
    LOG.addHandler(CAPTURE);

    ReplayStore memory = InMemoryReplayStore.create();
    ReplayStore failing =
        (keyId, nonce, expiresAt) -> {
          if (STORE_FAILS.get()) {
            throw new ReplayStoreUnavailableException("the test store is down");
          }
          return memory.recordIfAbsent(keyId, nonce, expiresAt);
        };
    KeyRing ring =
        KeyRing.of(
            KEY,
            HmacKey.builder("revoked").secret(REVOKED_SECRET).status(KeyStatus.REVOKED).build(),
            HmacKey.builder("sha512-only")
                .secret(SHA512_SECRET)
                .algorithm(Algorithm.HMAC_SHA512)
                .build(),
            HmacKey.builder("expired")
                .secret(EXPIRED_SECRET)
                .notAfter(Instant.now().minusSeconds(60))
                .build());
    HmacVerifier verifier =
        HmacVerifier.builder()
            .keys(ring)
            .realm(REALM)
            .maxBodyBytes(MAX_BODY_BYTES)
            .replayStore(failing)
            .build();

    server = new TestServer();
    server
        .context("/app")
        .filter(HmacServletFilter.of(verifier))
        .servlet("/echo/*", new TestServlets.Echo());
    server.start();
    wire = server.wire();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
    LOG.removeHandler(CAPTURE);
    LOG.setLevel(previousLevel);
  }

  RawHttpClient.Request signedPost() {
    return wire.post("/app/echo?a=1", "application/json", JSON).signedWith(SIGNER);
  }

  /** Sends a request and checks it was answered by the filter alone. */
  static RawHttpClient.Response sendRejected(RawHttpClient.Request request, int status, String code)
      throws Exception {
    int before = TestServlets.INVOCATIONS.get();
    RawHttpClient.Response response = request.send();
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.problemCode()).isEqualTo(code);
    assertThat(response.text()).contains("\"status\":" + status);
    assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(response.body().length));
    assertThat(response.headers("Cache-Control")).containsExactly("no-store");
    if (status == 401) {
      assertThat(response.headers("WWW-Authenticate"))
          .containsExactly(
              "HMAC-SHA256 realm=\"" + REALM + "\"", "HMAC-SHA512 realm=\"" + REALM + "\"");
    } else {
      assertThat(response.headers("WWW-Authenticate")).isEmpty();
    }
    assertThat(TestServlets.INVOCATIONS.get()).as("servlet invocations").isEqualTo(before);
    return response;
  }

  static HmacSigner signerFor(String keyId, byte[] secret, Algorithm algorithm) {
    return HmacSigner.builder(HmacKey.builder(keyId).secret(secret).algorithm(algorithm).build())
        .build();
  }

  @Test
  void doFilter_validSignature_reachesServlet() throws Exception {
    RawHttpClient.Response response = signedPost().send();

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(JSON);
  }

  @Test
  void doFilter_noHostHeader_verifiesHostAsTheAuthorityReceived() throws Exception {
    // HTTP/1.0 may omit Host, as HTTP/2 always does: the covered host is then the server name and
    // port the request was received on.
    URI uri = URI.create("http://127.0.0.1:" + wire.port() + "/app/echo?a=1");
    SignedHeaders signed =
        SIGNER.sign("POST", uri, Map.of("Content-Type", List.of("application/json")), JSON);
    assertThat(signed.authorization()).contains("headers=\"host;content-type\"");

    RawHttpClient.Response response =
        wire.post("/app/echo?a=1", "application/json", JSON)
            .removeHeader("Host")
            .header("Authorization", signed.authorization())
            .header("Content-Digest", signed.contentDigestHeader().orElseThrow())
            .http10()
            .send();

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(JSON);
  }

  @Test
  void doFilter_partsAContainerMayRewrite_verifyInTheirCanonicalForm() throws Exception {
    // What containers and proxies do to a request on the way: re-encode the query, rewrite the
    // charset's case, recase the host. Signed in one spelling, received in another.
    RawHttpClient.Request request =
        wire.post("/app/echo?q=a/b:c@d", "application/json; charset=utf-8", JSON)
            .signedWith(SIGNER)
            .target("/app/echo?q=a%2Fb%3ac%40d")
            .replaceHeader("Content-Type", "application/json;charset=\"UTF-8\"")
            .replaceHeader("Host", "LOCALHOST:" + wire.port());

    RawHttpClient.Response response = request.send();

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(JSON);
  }

  @Test
  void doFilter_plusSentAsEncodedPlus_401InvalidSignature() throws Exception {
    sendRejected(
        wire.get("/app/echo?q=a+b").signedWith(SIGNER).target("/app/echo?q=a%2Bb"),
        401,
        "invalid_signature");
  }

  @Test
  void doFilter_noAuthorization_401MissingSignature() throws Exception {
    sendRejected(wire.post("/app/echo", "application/json", JSON), 401, "missing_signature");
  }

  @Test
  void doFilter_otherScheme_401MissingSignature() throws Exception {
    sendRejected(
        wire.get("/app/echo").header("Authorization", "Bearer abc.def.ghi"),
        401,
        "missing_signature");
  }

  @Test
  void doFilter_malformedAuthorization_401MalformedSignature() throws Exception {
    sendRejected(
        wire.get("/app/echo").header("Authorization", "HMAC-SHA256 keyId=\"orders\""),
        401,
        "malformed_signature");
  }

  @Test
  void doFilter_lowercaseScheme_401MalformedSignature() throws Exception {
    RawHttpClient.Request request = wire.get("/app/echo").signedWith(SIGNER);
    String authorization = request.header("Authorization");
    request.replaceHeader("Authorization", authorization.replace("HMAC-SHA256", "hmac-sha256"));

    sendRejected(request, 401, "malformed_signature");
  }

  @Test
  void doFilter_twoAuthorizationHeaders_401MalformedSignature() throws Exception {
    RawHttpClient.Request request = signedPost();
    request.header("Authorization", request.header("Authorization"));

    sendRejected(request, 401, "malformed_signature");
  }

  @Test
  void doFilter_coveredHeaderMissing_401MalformedSignature() throws Exception {
    HmacSigner signer = HmacSigner.builder(KEY).coveredHeaders("host", "x-tenant").build();
    RawHttpClient.Request request =
        wire.get("/app/echo")
            .header("X-Tenant", "acme")
            .signedWith(signer)
            .removeHeader("X-Tenant");

    sendRejected(request, 401, "malformed_signature");
  }

  @Test
  void doFilter_malformedContentDigest_401MalformedSignature() throws Exception {
    sendRejected(
        signedPost().replaceHeader("Content-Digest", "sha-256=:not base64:"),
        401,
        "malformed_signature");
  }

  @Test
  void doFilter_tamperedMethod_401InvalidSignature() throws Exception {
    sendRejected(signedPost().method("PUT"), 401, "invalid_signature");
  }

  @Test
  void doFilter_tamperedPath_401InvalidSignature() throws Exception {
    sendRejected(signedPost().target("/app/echo/other?a=1"), 401, "invalid_signature");
  }

  @Test
  void doFilter_pathWithoutContextPath_401InvalidSignature() throws Exception {
    RawHttpClient.Request request =
        wire.post("/echo?a=1", "application/json", JSON).signedWith(SIGNER).target("/app/echo?a=1");

    sendRejected(request, 401, "invalid_signature");
  }

  @Test
  void doFilter_tamperedQuery_401InvalidSignature() throws Exception {
    sendRejected(signedPost().target("/app/echo?a=2"), 401, "invalid_signature");
  }

  @Test
  void doFilter_tamperedCoveredHeader_401InvalidSignature() throws Exception {
    sendRejected(
        signedPost().replaceHeader("Content-Type", "text/plain"), 401, "invalid_signature");
  }

  @Test
  void doFilter_tamperedBody_401InvalidSignature() throws Exception {
    byte[] tampered = JSON.clone();
    tampered[2] ^= 1;

    sendRejected(signedPost().body(tampered), 401, "invalid_signature");
  }

  @Test
  void doFilter_bodyWithoutContentDigest_401MalformedSignature() throws Exception {
    // Protocol v1 §2.2: a body announced by Content-Length needs Content-Digest.
    sendRejected(signedPost().removeHeader("Content-Digest"), 401, "malformed_signature");
  }

  @Test
  void doFilter_tamperedTimestamp_401InvalidSignature() throws Exception {
    RawHttpClient.Request request = signedPost();
    String authorization = request.header("Authorization");
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("timestamp=\"(\\d+)\"").matcher(authorization);
    assertThat(m.find()).isTrue();
    long timestamp = Long.parseLong(m.group(1));
    request.replaceHeader(
        "Authorization", authorization.replace(m.group(), "timestamp=\"" + (timestamp - 1) + "\""));

    sendRejected(request, 401, "invalid_signature");
  }

  @Test
  void doFilter_staleTimestamp_401StaleTimestamp() throws Exception {
    HmacSigner lateSigner =
        HmacSigner.builder(KEY)
            .clock(InstantSource.fixed(Instant.now().minusSeconds(1000)))
            .build();

    sendRejected(
        wire.post("/app/echo", "application/json", JSON).signedWith(lateSigner),
        401,
        "stale_timestamp");
  }

  @Test
  void doFilter_timestampInTheFuture_401StaleTimestamp() throws Exception {
    HmacSigner earlySigner =
        HmacSigner.builder(KEY).clock(InstantSource.fixed(Instant.now().plusSeconds(1000))).build();

    sendRejected(
        wire.post("/app/echo", "application/json", JSON).signedWith(earlySigner),
        401,
        "stale_timestamp");
  }

  @Test
  void doFilter_unknownKey_401InvalidSignature() throws Exception {
    HmacSigner stranger = TestKeys.signer(TestKeys.key("stranger"));

    sendRejected(
        wire.post("/app/echo", "application/json", JSON).signedWith(stranger),
        401,
        "invalid_signature");
  }

  @Test
  void doFilter_wrongSecretForKnownKey_401InvalidSignature() throws Exception {
    HmacSigner impostor = TestKeys.signer(TestKeys.key("orders"));

    sendRejected(
        wire.post("/app/echo", "application/json", JSON).signedWith(impostor),
        401,
        "invalid_signature");
  }

  @Test
  void doFilter_revokedKey_401InvalidSignature() throws Exception {
    HmacSigner revoked = signerFor("revoked", REVOKED_SECRET, Algorithm.HMAC_SHA256);

    sendRejected(
        wire.post("/app/echo", "application/json", JSON).signedWith(revoked),
        401,
        "invalid_signature");
  }

  @Test
  void doFilter_expiredKey_401InvalidSignature() throws Exception {
    HmacSigner expired = signerFor("expired", EXPIRED_SECRET, Algorithm.HMAC_SHA256);

    sendRejected(
        wire.post("/app/echo", "application/json", JSON).signedWith(expired),
        401,
        "invalid_signature");
  }

  @Test
  void doFilter_algorithmMismatch_401InvalidSignature() throws Exception {
    // Same id and secret as the server's HMAC-SHA512 key, signed with HMAC-SHA256: a downgrade.
    HmacSigner downgrade = signerFor("sha512-only", SHA512_SECRET, Algorithm.HMAC_SHA256);

    sendRejected(
        wire.post("/app/echo", "application/json", JSON).signedWith(downgrade),
        401,
        "invalid_signature");
  }

  @Test
  void doFilter_sameRequestTwice_401ReplayedNonce() throws Exception {
    RawHttpClient.Request request = signedPost();
    int before = TestServlets.INVOCATIONS.get();

    RawHttpClient.Response first = request.send();
    assertThat(first.status()).isEqualTo(200);
    assertThat(TestServlets.INVOCATIONS.get()).isEqualTo(before + 1);

    sendRejected(request, 401, "replayed_nonce");
  }

  @Test
  void doFilter_bodyOverLimit_413AndServerStillHealthy() throws Exception {
    byte[] tooLarge = TestKeys.randomBytes(MAX_BODY_BYTES + 1);

    sendRejected(
        wire.post("/app/echo", "application/octet-stream", tooLarge).signedWith(SIGNER),
        413,
        "body_too_large");

    RawHttpClient.Response afterwards = signedPost().send();
    assertThat(afterwards.status()).isEqualTo(200);
    assertThat(afterwards.body()).isEqualTo(JSON);
  }

  @Test
  void doFilter_bodyFarOverLimitWithoutContentDigest_401MalformedAndServerStillHealthy()
      throws Exception {
    // Refused before the MAC, from the framing alone: nothing of the body is read.
    byte[] tooLarge = TestKeys.randomBytes(8 * MAX_BODY_BYTES);

    sendRejected(
        wire.post("/app/echo", "application/octet-stream", tooLarge)
            .signedWith(SIGNER)
            .removeHeader("Content-Digest"),
        401,
        "malformed_signature");

    RawHttpClient.Response afterwards = signedPost().send();
    assertThat(afterwards.status()).isEqualTo(200);
  }

  @Test
  void doFilter_replayStoreFails_503ReplayStoreUnavailable() throws Exception {
    STORE_FAILS.set(true);
    try {
      sendRejected(signedPost(), 503, "replay_store_unavailable");
    } finally {
      STORE_FAILS.set(false);
    }
    assertThat(signedPost().send().status()).isEqualTo(200);
  }

  @Test
  void doFilter_rejectionsAndAcceptances_logNoSecretSignatureOrBody() throws Exception {
    synchronized (LOG_RECORDS) {
      LOG_RECORDS.clear();
    }
    RawHttpClient.Request accepted = signedPost();
    String signature = signatureOf(accepted);
    accepted.send();
    RawHttpClient.Request tampered = signedPost().target("/app/echo?a=2");
    String tamperedSignature = signatureOf(tampered);
    tampered.send();
    wire.post("/app/echo", "application/json", JSON)
        .signedWith(signerFor("revoked", REVOKED_SECRET, Algorithm.HMAC_SHA256))
        .send();
    accepted.send(); // replayed

    String logged = capturedLog();
    assertThat(logged).contains("invalid_signature", "replayed_nonce", "keyId=orders");
    for (byte[] secret : List.of(SECRET, REVOKED_SECRET)) {
      assertThat(logged)
          .doesNotContain(TestKeys.base64(secret))
          .doesNotContain(HexFormat.of().formatHex(secret));
    }
    assertThat(logged)
        .doesNotContain(signature)
        .doesNotContain(tamperedSignature)
        .doesNotContain("Zoë")
        .doesNotContain(new String(JSON, StandardCharsets.UTF_8));
  }

  static String signatureOf(RawHttpClient.Request request) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("signature=\"([0-9a-f]+)\"")
            .matcher(request.header("Authorization"));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  static String capturedLog() {
    SimpleFormatter formatter = new SimpleFormatter();
    StringBuilder out = new StringBuilder();
    synchronized (LOG_RECORDS) {
      for (LogRecord record : LOG_RECORDS) {
        out.append(formatter.format(record)).append('\n');
      }
    }
    return out.toString();
  }
}
