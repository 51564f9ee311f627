package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hmacsigned.core.VerificationResult.Rejected;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The canonical string as shown for debugging: its fingerprint, its labelled lines, the same on the
 * signer's and the verifier's side, and the fingerprint in the log line of a signature mismatch.
 */
class CanonicalStringTest {
  /** The test vector post-json (protocol §9.2). */
  private static final byte[] SECRET =
      Base64.getDecoder().decode("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");

  private static final long NOW = 1763900000L;
  private static final String NONCE = "ZCHZ90D8BEEey65extGrFA";
  private static final byte[] BODY =
      "{\"sku\":\"A-1001\",\"quantity\":2}".getBytes(StandardCharsets.UTF_8);
  private static final String BODY_DIGEST =
      "047bbe7daac9810141e2a2348e4633fde13b61cd2ae1bd449563b46af56d2802";

  /** sha256 of the vector's canonical string, computed with Python's hashlib: first 12 digits. */
  private static final String POST_JSON_FINGERPRINT = "b7eb588440bf";

  private static HmacKey key() {
    return HmacKey.builder("vec-sha256-a").secret(SECRET).build();
  }

  private static HmacSigner signer() {
    return HmacSigner.builder(key())
        .clock(InstantSource.fixed(Instant.ofEpochSecond(NOW)))
        .nonces(() -> NONCE)
        .build();
  }

  private static TestRequest postJson() {
    return new TestRequest("POST", "/shop/api/orders", null, BODY)
        .header("Host", "api.example.com")
        .header("Content-Type", "application/json");
  }

  private static TestRequest signed(TestRequest request, SignedHeaders headers) {
    request.header("Authorization", headers.authorization());
    headers.contentDigestHeader().ifPresent(d -> request.header("Content-Digest", d));
    return request;
  }

  @Test
  void signedHeaders_vectorPostJson_carryTheCanonicalStringOfProtocolSection9_2() {
    TestRequest request = postJson();
    CanonicalString canonical =
        signer()
            .sign("POST", "/shop/api/orders", null, request.headerMap(), BODY)
            .canonicalString();

    assertThat(canonical.text())
        .isEqualTo(
            "HMAC-SHA256\nvec-sha256-a\n1763900000\nZCHZ90D8BEEey65extGrFA\nPOST\n"
                + "/shop/api/orders\n\nhost;content-type\nhost:api.example.com\n"
                + "content-type:application/json\n"
                + BODY_DIGEST);
    assertThat(canonical.fingerprint()).isEqualTo(POST_JSON_FINGERPRINT);
    assertThat(canonical.lines()).hasSize(11).element(6).isEqualTo("");
  }

  @Test
  void debugText_labelsEveryLineByItsPlace_emptyLineWithoutTrailingSpace() {
    CanonicalString canonical =
        signer()
            .sign("POST", "/shop/api/orders", null, postJson().headerMap(), BODY)
            .canonicalString();

    assertThat(canonical.debugText())
        .isEqualTo(
            String.join(
                "\n",
                "fingerprint: " + POST_JSON_FINGERPRINT,
                "scheme: HMAC-SHA256",
                "key-id: vec-sha256-a",
                "timestamp: 1763900000",
                "nonce: ZCHZ90D8BEEey65extGrFA",
                "method: POST",
                "path: /shop/api/orders",
                "query:",
                "headers: host;content-type",
                "header: host:api.example.com",
                "header: content-type:application/json",
                "body-digest: " + BODY_DIGEST));
  }

  @Test
  void debugText_noCoveredHeader_hasNoHeaderLine() {
    HmacSigner signer =
        HmacSigner.builder(key())
            .coveredHeaders(List.of())
            .clock(InstantSource.fixed(Instant.ofEpochSecond(NOW)))
            .nonces(() -> NONCE)
            .build();
    String text =
        signer
            .sign("GET", "/a", "b=2&a=1", postJson().headerMap(), null)
            .canonicalString()
            .debugText();

    assertThat(text)
        .contains("\nquery: a=1&b=2\nheaders:\nbody-digest: e3b0c442")
        .doesNotContain("header: ");
  }

  @Test
  void of_signedRequest_isWhatTheSignerSigned() {
    TestRequest request = postJson();
    SignedHeaders headers =
        signer().sign("POST", "/shop/api/orders", null, request.headerMap(), BODY);

    CanonicalString serverSide = CanonicalString.of(signed(request, headers));

    assertThat(serverSide).isEqualTo(headers.canonicalString());
    assertThat(serverSide.debugText()).isEqualTo(headers.canonicalString().debugText());
  }

  @Test
  void of_queryReEncodedOnTheWay_differsOnTheQueryLineOnly() {
    TestRequest sent = new TestRequest("GET", "/api/items/42", "q=hello%20world", new byte[0]);
    sent.header("Host", "api.example.com");
    SignedHeaders headers =
        signer().sign("GET", "/api/items/42", "q=hello%20world", sent.headerMap(), null);
    TestRequest received =
        signed(sent.copy("GET", "/api/items/42", "q=hello+world", new byte[0]), headers);

    List<String> client = headers.canonicalString().debugText().lines().toList();
    List<String> server = CanonicalString.of(received).debugText().lines().toList();

    List<String> differing = new ArrayList<>();
    for (int i = 0; i < client.size(); i++) {
      if (!client.get(i).equals(server.get(i))) {
        differing.add(client.get(i) + " | " + server.get(i));
      }
    }
    assertThat(differing).hasSize(2).first().asString().startsWith("fingerprint: ");
    assertThat(differing.get(1)).isEqualTo("query: q=hello%20world | query: q=hello+world");
  }

  @Test
  void of_requestWithoutCanonicalString_isRefusedWithALogSafeMessage() {
    assertThatThrownBy(() -> CanonicalString.of(postJson()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the request has no Authorization header");
    TestRequest withoutHost =
        signed(
                postJson(),
                signer().sign("POST", "/shop/api/orders", null, postJson().headerMap(), BODY))
            .withoutHeader("Host");
    assertThatThrownBy(() -> CanonicalString.of(withoutHost))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("covered header host");
  }

  @Test
  void equals_sameTextOnly() {
    CanonicalString a = new CanonicalString("HMAC-SHA256\nk\n1\nn\nGET\n/\n\n\nd");
    assertThat(a)
        .isEqualTo(new CanonicalString("HMAC-SHA256\nk\n1\nn\nGET\n/\n\n\nd"))
        .hasSameHashCodeAs(new CanonicalString("HMAC-SHA256\nk\n1\nn\nGET\n/\n\n\nd"))
        .isNotEqualTo(new CanonicalString("HMAC-SHA256\nk\n1\nn\nPUT\n/\n\n\nd"))
        .isNotEqualTo("HMAC-SHA256\nk\n1\nn\nGET\n/\n\n\nd");
  }

  @Test
  void toString_showsTheFingerprintOnly() {
    SignedHeaders headers =
        signer().sign("POST", "/shop/api/orders", null, postJson().headerMap(), BODY);

    assertThat(headers.canonicalString().toString())
        .isEqualTo("CanonicalString[fingerprint=" + POST_JSON_FINGERPRINT + "]");
    assertThat(headers.toString()).doesNotContain("vec-sha256-a\n").doesNotContain(BODY_DIGEST);
  }

  @Test
  void verify_signatureMismatch_rejectsWithTheFingerprintOfTheServersCanonicalStringAndLogsIt() {
    TestRequest request = postJson();
    SignedHeaders headers =
        signer().sign("POST", "/shop/api/orders", null, request.headerMap(), BODY);
    TestRequest tampered = signed(request.copy("POST", "/shop/api/orders", "x=1", BODY), headers);
    HmacVerifier verifier =
        HmacVerifier.builder()
            .keys(KeyRing.of(key()))
            .clock(InstantSource.fixed(Instant.ofEpochSecond(NOW)))
            // a listener of its own: the shared one's rate limit counts other tests' rejections
            .listener(
                new LoggingListener(
                    InstantSource.system(),
                    LoggingListener.DEFAULT_LINES_PER_WINDOW,
                    LoggingListener.DEFAULT_WINDOW,
                    LoggingListener.DEFAULT_MAX_TRACKED))
            .build();

    List<String> lines = new ArrayList<>();
    Logger logger = Logger.getLogger("dev.hmacsigned");
    Handler handler = collecting(lines);
    Level previous = logger.getLevel();
    logger.setLevel(Level.INFO);
    logger.addHandler(handler);
    VerificationResult result;
    try {
      result = verifier.verify(tampered);
    } finally {
      logger.removeHandler(handler);
      logger.setLevel(previous);
    }

    String serverFingerprint = CanonicalString.of(tampered).fingerprint();
    assertThat(serverFingerprint).isNotEqualTo(POST_JSON_FINGERPRINT);
    assertThat(result).isInstanceOf(Rejected.class);
    Rejected rejected = (Rejected) result;
    assertThat(rejected.reason()).isEqualTo(RejectionReason.SIGNATURE_MISMATCH);
    assertThat(rejected.canonicalFingerprint()).contains(serverFingerprint);
    assertThat(lines)
        .filteredOn(l -> l.contains("reason=SIGNATURE_MISMATCH"))
        .singleElement()
        .asString()
        .endsWith(" fingerprint=" + serverFingerprint)
        .doesNotContain(CanonicalString.of(tampered).text())
        .doesNotContain(BODY_DIGEST);
  }

  @Test
  void verify_otherRejections_carryNoFingerprint() {
    TestRequest request = postJson();
    SignedHeaders headers =
        signer().sign("POST", "/shop/api/orders", null, request.headerMap(), BODY);
    TestRequest tamperedBody =
        signed(
            request.copy("POST", "/shop/api/orders", null, "{}".getBytes(StandardCharsets.UTF_8)),
            headers);
    HmacVerifier verifier =
        HmacVerifier.builder()
            .keys(KeyRing.of(key()))
            .clock(InstantSource.fixed(Instant.ofEpochSecond(NOW)))
            .listener(new VerificationListener() {})
            .build();

    Rejected rejected = (Rejected) verifier.verify(tamperedBody);

    assertThat(rejected.reason()).isEqualTo(RejectionReason.BODY_DIGEST_MISMATCH);
    assertThat(rejected.canonicalFingerprint()).isEmpty();
    assertThat(rejected.toString()).doesNotContain("fingerprint");
  }

  private static Handler collecting(List<String> lines) {
    return new Handler() {
      @Override
      public synchronized void publish(LogRecord record) {
        lines.add(
            record.getParameters() == null
                ? record.getMessage()
                : MessageFormat.format(record.getMessage(), record.getParameters()));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }
}
