package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the signer refuses to cover, and each of its ways to sign checked by the verifier. */
class HmacSignerTest {
  static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

  static HmacKey key() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return HmacKey.builder("signer-test").secret(secret).build();
  }

  static SignedHeaders sign(HmacSigner signer, String note) {
    return signer.sign(
        "POST",
        "/api/notes",
        null,
        Map.of("Host", List.of("api.example.com"), "X-Note", List.of(note)),
        BODY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Zo\u00eb", "\u00c9COLE", "a\u0000b", "a\u007fb", "a\rb", "\u4e2d"})
  void sign_coveredValueOutsideVisibleAscii_isRefusedWithoutEchoingIt(String note) {
    HmacSigner signer = HmacSigner.builder(key()).coveredHeaders("host", "x-note").build();
    assertThatThrownBy(() -> sign(signer, note))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x-note")
        .hasMessageContaining("visible ASCII")
        .hasMessageNotContaining(note);
  }

  /** Nonces of the test hook are checked as they are drawn (the default's always pass). */
  @ParameterizedTest
  @ValueSource(strings = {"short", "0123456789abcde+", "0123456789abcdef\"x"})
  void sign_nonceSupplierGivesAnInvalidNonce_isRefused(String nonce) {
    HmacSigner signer = HmacSigner.builder(key()).nonces(() -> nonce).build();
    assertThatThrownBy(() -> sign(signer, "n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nonce must be");
    assertThat(sign(HmacSigner.builder(key()).build(), "n").authorization()).contains("nonce=\"");
  }

  @Test
  void sign_coveredValueOfVisibleAsciiSpaceAndTab_isSigned() {
    HmacSigner signer = HmacSigner.builder(key()).coveredHeaders("host", "x-note").build();
    assertThat(sign(signer, "a b\tc ~!").authorization()).contains("headers=\"host;x-note\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"connection", "Connection", "keep-alive", "te", "upgrade"})
  void build_hopByHopHeaderCovered_isRefused(String name) {
    HmacSigner.Builder builder = HmacSigner.builder(key()).coveredHeaders("host", name);
    assertThatThrownBy(builder::build)
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("hop-by-hop");
  }

  @ParameterizedTest
  @ValueSource(strings = {"cache-control", "Accept-Encoding"})
  void build_headerJettyRecasesCovered_warns(String name) {
    List<LogRecord> warnings = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public synchronized void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
              warnings.add(record);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger logger = Logger.getLogger("dev.hmacsigned");
    logger.addHandler(handler);
    try {
      HmacSigner.builder(key()).coveredHeaders("host", name).build();
      HmacSigner.builder(key()).coveredHeaders("host", "x-request-id").build();
    } finally {
      logger.removeHandler(handler);
    }
    assertThat(warnings).hasSize(1);
    assertThat(MessageFormat.format(warnings.get(0).getMessage(), warnings.get(0).getParameters()))
        .contains("'" + name.toLowerCase(java.util.Locale.ROOT) + "'", "Jetty");
  }

  static HmacVerifier verifier(HmacKey key) {
    return HmacVerifier.builder().keys(KeyRing.of(key)).build();
  }

  static VerificationResult verify(HmacKey key, TestRequest request, SignedHeaders signed) {
    request.header("Authorization", signed.authorization());
    signed.contentDigestHeader().ifPresent(d -> request.header("Content-Digest", d));
    return verifier(key).verify(request);
  }

  @Test
  void sign_uri_coversItsRawPathAndQueryAndItsAuthorityAsHost() {
    HmacKey key = key();
    HmacSigner signer = HmacSigner.builder(key).coveredHeaders("host").build();
    URI uri = URI.create("https://API.example.com:8443/orders/a%2Fb?status=open&x=%7e");
    SignedHeaders signed = signer.sign("PUT", uri, Map.of(), BODY);
    assertThat(signed.authorization()).contains("headers=\"host\"");

    TestRequest request =
        new TestRequest("PUT", "/orders/a%2Fb", "status=open&x=%7e", BODY)
            .header("Host", "api.example.com:8443");
    try (VerificationResult result = verify(key, request, signed)) {
      assertThat(result).isInstanceOf(VerificationResult.Verified.class);
    }
    TestRequest otherPort =
        new TestRequest("PUT", "/orders/a%2Fb", "status=open&x=%7e", BODY)
            .header("Host", "api.example.com");
    try (VerificationResult result = verify(key, otherPort, signed)) {
      assertThat(result).isInstanceOf(VerificationResult.Rejected.class);
    }
  }

  @Test
  void sign_uriWithoutPort_coversTheHostAloneAndAUriWithoutHostIsRefused() {
    HmacKey key = key();
    HmacSigner signer = HmacSigner.builder(key).coveredHeaders("host").build();
    SignedHeaders signed = signer.sign("GET", URI.create("http://[::1]/x"), Map.of(), null);
    TestRequest request = new TestRequest("GET", "/x", null, new byte[0]).header("Host", "[::1]");
    try (VerificationResult result = verify(key, request, signed)) {
      assertThat(result).isInstanceOf(VerificationResult.Verified.class);
    }
    assertThatThrownBy(() -> signer.sign("GET", URI.create("mailto:a@example.com"), Map.of(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no host");
  }

  @Test
  void signWithoutBody_readsNoBodyAndSendsNoContentDigest() {
    HmacKey key = key();
    TestRequest request =
        new TestRequest("GET", "/api/notes", "page=2", new byte[0]).header("Host", "a.example");
    SignedHeaders signed = HmacSigner.builder(key).build().signWithoutBody(request);
    assertThat(request.bodyReads).isZero();
    assertThat(signed.contentDigestHeader()).isEmpty();
    try (VerificationResult result = verify(key, request, signed)) {
      assertThat(result).isInstanceOf(VerificationResult.Verified.class);
      assertThat(((VerificationResult.Verified) result).userPrincipal().toString())
          .isEqualTo("signer-test");
    }
  }

  @Test
  void signWithDigest_bodyNotEmpty_sendsTheDigestAndVerifiesAgainstTheBody() throws Exception {
    HmacKey key = key();
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(BODY);
    TestRequest request = new TestRequest("POST", "/api/notes", null, BODY).header("Host", "a");
    SignedHeaders signed = HmacSigner.builder(key).build().signWithDigest(request, digest, false);
    assertThat(request.bodyReads).isZero();
    assertThat(signed.contentDigestHeader())
        .contains("sha-256=:" + Base64.getEncoder().encodeToString(digest) + ":");
    try (VerificationResult result = verify(key, request, signed)) {
      assertThat(result).isInstanceOf(VerificationResult.Verified.class);
    }
  }

  @Test
  void signWithDigest_bodyEmpty_sendsNoContentDigest() throws Exception {
    HmacKey key = key();
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(new byte[0]);
    TestRequest request = new TestRequest("DELETE", "/api/notes/1", null, new byte[0]);
    SignedHeaders signed = HmacSigner.builder(key).build().signWithDigest(request, digest, true);
    assertThat(signed.contentDigestHeader()).isEmpty();
    try (VerificationResult result = verify(key, request, signed)) {
      assertThat(result).isInstanceOf(VerificationResult.Verified.class);
    }
  }

  @Test
  void signedHeadersToString_showsTheContentDigestButNotTheAuthorization() {
    SignedHeaders signed = sign(HmacSigner.builder(key()).build(), "n");
    String signature = SignatureParameters.parse(signed.authorization()).signature();
    assertThat(signed.toString())
        .isEqualTo(
            "SignedHeaders[authorization=(redacted), contentDigest="
                + signed.contentDigestHeader().orElseThrow()
                + "]")
        .doesNotContain(signature);
  }

  /** A read of no bytes is not the end of the body (see {@link StallingStream}). */
  @Test
  void sign_bodyThatSometimesReadsNothing_isSignedWhole() throws Exception {
    HmacKey key = key();
    byte[] body = new byte[40_000];
    new SecureRandom().nextBytes(body);
    TestRequest request = new TestRequest("POST", "/api/notes", null, body).header("Host", "a");
    StallingStream stalling = new StallingStream(body, 5_000);
    TestRequest stallingView = request.copy("POST", "/api/notes", null, body);
    stallingView.bodyStream = () -> stalling;
    SignedHeaders signed = HmacSigner.builder(key).build().sign(stallingView);
    assertThat(stalling.emptyReads).isPositive();
    assertThat(signed.contentDigestHeader())
        .contains(
            "sha-256=:"
                + Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(body))
                + ":");
    try (VerificationResult result = verify(key, request, signed)) {
      assertThat(result).isInstanceOf(VerificationResult.Verified.class);
    }
  }

  @Test
  void requestView_defaults_haveNoAuthorityAndAnUnknownRemoteAddress() {
    RequestView minimal =
        new RequestView() {
          @Override
          public String method() {
            return "GET";
          }

          @Override
          public String rawPath() {
            return "/";
          }

          @Override
          public String rawQuery() {
            return null;
          }

          @Override
          public List<String> headers(String name) {
            return List.of();
          }

          @Override
          public java.io.InputStream body() {
            return java.io.InputStream.nullInputStream();
          }
        };
    assertThat(minimal.authority()).isNull();
    assertThat(minimal.remoteAddress()).isEqualTo("-");
  }

  @Test
  void sign_twice_drawsAFreshRandomNonceEachTime() {
    HmacSigner signer = HmacSigner.builder(key()).build();
    Set<String> nonces = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      String nonce = SignatureParameters.parse(sign(signer, "n").authorization()).nonce();
      assertThat(nonce).matches("[A-Za-z0-9_-]{22}");
      nonces.add(nonce);
    }
    assertThat(nonces).hasSize(20);
  }

  @Test
  void accessorsAndToString_tellTheKeyIdAlgorithmAndCoveredHeadersButNoSecret() {
    byte[] secret = new byte[64];
    new SecureRandom().nextBytes(secret);
    HmacKey key =
        HmacKey.builder("signer-512")
            .algorithm(Algorithm.HMAC_SHA512)
            .secret(secret.clone())
            .build();
    HmacSigner signer = HmacSigner.builder(key).coveredHeaders("host", "X-Note").build();
    assertThat(signer.keyId()).isEqualTo("signer-512");
    assertThat(signer.algorithm()).isEqualTo(Algorithm.HMAC_SHA512);
    assertThat(signer.coveredHeaders()).containsExactly("host", "x-note");
    assertThat(signer.toString())
        .contains("signer-512", "host", "x-note")
        .doesNotContain(Base64.getEncoder().encodeToString(secret))
        .doesNotContain(java.util.HexFormat.of().formatHex(secret));
  }

  @Test
  void randomNonce_manyFromSeveralThreads_areDistinct22CharacterBase64urlOf16RandomBytes()
      throws Exception {
    int threads = 4;
    int each = 5_000; // many batches of 16 per thread
    List<java.util.concurrent.Future<List<String>>> results = new ArrayList<>();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      for (int t = 0; t < threads; t++) {
        results.add(
            pool.submit(
                () -> {
                  List<String> nonces = new ArrayList<>();
                  for (int i = 0; i < each; i++) {
                    nonces.add(HmacSigner.randomNonce());
                  }
                  return nonces;
                }));
      }
      Set<String> all = new HashSet<>();
      int[] ones = new int[128]; // how often each of the 128 bits is set
      for (java.util.concurrent.Future<List<String>> result : results) {
        for (String nonce : result.get()) {
          assertThat(nonce).hasSize(22).matches("[A-Za-z0-9_-]+");
          all.add(nonce);
          byte[] bytes = Base64.getUrlDecoder().decode(nonce);
          assertThat(bytes).hasSize(16);
          for (int bit = 0; bit < 128; bit++) {
            ones[bit] += (bytes[bit / 8] >> (bit % 8)) & 1;
          }
        }
      }
      assertThat(all).hasSize(threads * each);
      // Every bit of every position of a batch is random: about half of 20,000 nonces set it.
      for (int bit = 0; bit < 128; bit++) {
        assertThat(ones[bit]).as("bit %d", bit).isBetween(9_000, 11_000);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
