package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.VerificationResult.Rejected;
import dev.hmacsigned.core.VerificationResult.Verified;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per rejection reason of protocol v1 §5, and the body path of the verifier. */
class HmacVerifierTest {
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final InstantSource CLOCK = InstantSource.fixed(NOW);
  static final byte[] JSON = "{\"name\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8);

  final HmacKey key = key("orders-1", Algorithm.HMAC_SHA256).roles("orders.read").build();
  final HmacKey key512 = key("orders-512", Algorithm.HMAC_SHA512).build();
  final InMemoryReplayStore store = InMemoryReplayStore.withCapacity(1000, CLOCK);

  static HmacKey.Builder key(String id, Algorithm algorithm) {
    byte[] secret = new byte[algorithm.minimumSecretBytes()];
    new SecureRandom().nextBytes(secret);
    return HmacKey.builder(id).secret(secret).algorithm(algorithm);
  }

  static HmacKey.Builder twin(String id, byte[] secret) {
    return HmacKey.builder(id).secret(secret.clone()).algorithm(Algorithm.HMAC_SHA256);
  }

  HmacVerifier.Builder verifier(HmacKey... keys) {
    return HmacVerifier.builder().keys(KeyRing.of(keys)).clock(CLOCK).replayStore(store);
  }

  static TestRequest post(byte[] body) {
    return new TestRequest("POST", "/shop/api/orders/a%2Fb", "b=2&a=1", body)
        .header("Host", "api.example.com")
        .header("Content-Type", "application/json");
  }

  static TestRequest signed(HmacKey key, TestRequest request, Instant at) {
    return signed(key, request, at, List.of("host", "content-type"));
  }

  static TestRequest signed(HmacKey key, TestRequest request, Instant at, List<String> covered) {
    SignedHeaders h =
        HmacSigner.builder(key)
            .coveredHeaders(covered)
            .clock(InstantSource.fixed(at))
            .build()
            .sign(
                request.method,
                request.rawPath,
                request.rawQuery,
                request.headerMap(),
                request.body);
    request.header("Authorization", h.authorization());
    h.contentDigestHeader().ifPresent(d -> request.header("Content-Digest", d));
    return request;
  }

  static Rejected rejected(VerificationResult result) {
    assertThat(result).isInstanceOf(Rejected.class);
    return (Rejected) result;
  }

  @Test
  void verify_validRequest_isVerifiedWithPrincipalRolesAndExactBody() throws IOException {
    TestRequest request = signed(key, post(JSON), NOW);
    VerificationResult result = verifier(key).build().verify(request);
    assertThat(result).isInstanceOf(Verified.class);
    try (Verified v = (Verified) result;
        InputStream body = v.body().openStream()) {
      assertThat(v.keyId()).isEqualTo("orders-1");
      assertThat(v.principal()).isEqualTo("orders-1");
      assertThat(v.roles()).containsExactly("orders.read");
      assertThat(body.readAllBytes()).isEqualTo(JSON);
    }
    assertThat(request.bodyReads).isEqualTo(1);
  }

  @Test
  void verify_noAuthorization_isMissingSignature() {
    Rejected r = rejected(verifier(key).build().verify(post(JSON)));
    assertThat(r.reason()).isEqualTo(RejectionReason.MISSING_AUTHORIZATION);
    assertThat(r.code()).isEqualTo(RejectionCode.MISSING_SIGNATURE);
  }

  @Test
  void verify_otherScheme_isMissingSignature() {
    Rejected r =
        rejected(verifier(key).build().verify(post(JSON).header("Authorization", "Bearer abc")));
    assertThat(r.reason()).isEqualTo(RejectionReason.MISSING_AUTHORIZATION);
  }

  @Test
  void verify_twoAuthorizationHeaders_isMalformed() {
    TestRequest request = signed(key, post(JSON), NOW);
    request.header("Authorization", request.headers("Authorization").get(0));
    Rejected r = rejected(verifier(key).build().verify(request));
    assertThat(r.reason()).isEqualTo(RejectionReason.MULTIPLE_AUTHORIZATION);
    assertThat(r.code()).isEqualTo(RejectionCode.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_malformedAuthorization_isMalformedAndNeverReadsTheBody() {
    TestRequest request =
        post(JSON).header("Authorization", "HMAC-SHA256 keyId=\"orders-1\", timestamp=\"1\"");
    Rejected r = rejected(verifier(key).build().verify(request));
    assertThat(r.reason()).isEqualTo(RejectionReason.MALFORMED_AUTHORIZATION);
    assertThat(request.bodyReads).isZero();
  }

  @Test
  void verify_authorizationOver8KiB_isMalformed() {
    String huge = "HMAC-SHA256 keyId=\"" + "k".repeat(9000) + "\"";
    Rejected r = rejected(verifier(key).build().verify(post(JSON).header("Authorization", huge)));
    assertThat(r.reason()).isEqualTo(RejectionReason.MALFORMED_AUTHORIZATION);
    assertThat(r.detail()).contains("8 KiB");
  }

  @Test
  void verify_coveredHeaderRemoved_isMalformed() {
    TestRequest request = signed(key, post(JSON), NOW).withoutHeader("Content-Type");
    Rejected r = rejected(verifier(key).build().verify(request));
    assertThat(r.reason()).isEqualTo(RejectionReason.COVERED_HEADER_MISSING);
    assertThat(r.code()).isEqualTo(RejectionCode.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_coveredValueOutsideVisibleAscii_isMalformedBeforeTheMac() {
    TestRequest signed =
        signed(
            key,
            post(JSON).header("X-Note", "Zoe"),
            NOW,
            List.of("host", "content-type", "x-note"));
    for (String note : List.of("Zo\u00eb", "Zo\u00c3\u00ab", "a\u0001b")) {
      TestRequest request =
          signed.copy("POST", signed.rawPath, signed.rawQuery, JSON).withoutHeader("X-Note");
      request.header("X-Note", note);
      Rejected r = rejected(verifier(key).build().verify(request));
      assertThat(r.reason()).isEqualTo(RejectionReason.COVERED_HEADER_NOT_ASCII);
      assertThat(r.code()).isEqualTo(RejectionCode.MALFORMED_SIGNATURE);
      assertThat(r.detail()).doesNotContain(note);
      assertThat(request.bodyReads).isZero();
    }
    // An uncovered header may carry anything.
    TestRequest uncovered = signed(key, post(JSON), NOW).header("X-Other", "Zo\u00eb");
    VerificationResult ok = verifier(key).build().verify(uncovered);
    assertThat(ok).isInstanceOf(Verified.class);
    ((Verified) ok).close();
  }

  @Test
  void verify_brokenContentDigest_isMalformed() {
    TestRequest request = signed(key, post(JSON), NOW).withoutHeader("Content-Digest");
    request.header("Content-Digest", "sha-256=not-a-byte-sequence");
    Rejected r = rejected(verifier(key).build().verify(request));
    assertThat(r.reason()).isEqualTo(RejectionReason.MALFORMED_CONTENT_DIGEST);
  }

  @Test
  void verify_timestampOlderThanSkew_isStale() {
    TestRequest request = signed(key, post(JSON), NOW.minusSeconds(301));
    Rejected r = rejected(verifier(key).build().verify(request));
    assertThat(r.reason()).isEqualTo(RejectionReason.TIMESTAMP_OUT_OF_WINDOW);
    assertThat(r.code()).isEqualTo(RejectionCode.STALE_TIMESTAMP);
  }

  @Test
  void verify_timestampInTheFutureBeyondSkew_isStale() {
    TestRequest request = signed(key, post(JSON), NOW.plusSeconds(61));
    Rejected r = rejected(verifier(key).clockSkew(Duration.ofSeconds(60)).build().verify(request));
    assertThat(r.reason()).isEqualTo(RejectionReason.TIMESTAMP_OUT_OF_WINDOW);
  }

  @Test
  void verify_timestampOutOfWindow_detailSaysHowOldOrHowFarAhead() {
    HmacVerifier verifier = verifier(key).clockSkew(Duration.ofSeconds(60)).build();
    assertThat(rejected(verifier.verify(signed(key, post(JSON), NOW.minusSeconds(75)))).detail())
        .isEqualTo("timestamp is 75 s old, allowed 60 s");
    assertThat(rejected(verifier.verify(signed(key, post(JSON), NOW.plusSeconds(61)))).detail())
        .isEqualTo("timestamp is 61 s in the future, allowed 60 s");
  }

  @Test
  void verify_timestampAtTheEdgeOfSkew_isVerified() {
    TestRequest request = signed(key, post(JSON), NOW.minusSeconds(300));
    assertThat(verifier(key).build().verify(request)).isInstanceOf(Verified.class);
  }

  @Test
  void verify_unknownKey_isInvalidSignature() {
    HmacKey other = key("someone-else", Algorithm.HMAC_SHA256).build();
    Rejected r = rejected(verifier(key).build().verify(signed(other, post(JSON), NOW)));
    assertThat(r.reason()).isEqualTo(RejectionReason.UNKNOWN_KEY);
    assertThat(r.code()).isEqualTo(RejectionCode.INVALID_SIGNATURE);
  }

  @Test
  void verify_revokedKey_isInvalidSignature() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    HmacKey active = HmacKey.builder("k").secret(secret).build();
    HmacKey revoked = HmacKey.builder("k").secret(secret).status(KeyStatus.REVOKED).build();
    Rejected r = rejected(verifier(revoked).build().verify(signed(active, post(JSON), NOW)));
    assertThat(r.reason()).isEqualTo(RejectionReason.KEY_REVOKED);
    assertThat(r.code()).isEqualTo(RejectionCode.INVALID_SIGNATURE);
  }

  @Test
  void verify_expiredKey_isInvalidSignature() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    HmacKey signing = HmacKey.builder("k").secret(secret).build();
    HmacKey expired = HmacKey.builder("k").secret(secret).notAfter(NOW.minusSeconds(1)).build();
    Rejected r = rejected(verifier(expired).build().verify(signed(signing, post(JSON), NOW)));
    assertThat(r.reason()).isEqualTo(RejectionReason.KEY_EXPIRED);
  }

  @Test
  void verify_schemeDiffersFromKeyAlgorithm_isInvalidSignature() {
    byte[] secret = new byte[64];
    new SecureRandom().nextBytes(secret);
    HmacKey asSha512 = HmacKey.builder("k").secret(secret).algorithm(Algorithm.HMAC_SHA512).build();
    HmacKey asSha256 = HmacKey.builder("k").secret(secret).build();
    Rejected r = rejected(verifier(asSha512).build().verify(signed(asSha256, post(JSON), NOW)));
    assertThat(r.reason()).isEqualTo(RejectionReason.ALGORITHM_MISMATCH);
    assertThat(r.code()).isEqualTo(RejectionCode.INVALID_SIGNATURE);
  }

  @Test
  void verify_tamperedQuery_isSignatureMismatchAndNeverReadsTheBody() {
    TestRequest signed = signed(key, post(JSON), NOW);
    TestRequest tampered = signed.copy("POST", signed.rawPath, "b=2&a=2", JSON);
    Rejected r = rejected(verifier(key).build().verify(tampered));
    assertThat(r.reason()).isEqualTo(RejectionReason.SIGNATURE_MISMATCH);
    assertThat(tampered.bodyReads).isZero();
  }

  @Test
  void verify_tamperedBody_isBodyDigestMismatch() {
    TestRequest signed = signed(key, post(JSON), NOW);
    byte[] other = "{\"name\":\"Zoe\"}".getBytes(StandardCharsets.UTF_8);
    Rejected r =
        rejected(
            verifier(key)
                .build()
                .verify(signed.copy("POST", signed.rawPath, signed.rawQuery, other)));
    assertThat(r.reason()).isEqualTo(RejectionReason.BODY_DIGEST_MISMATCH);
    assertThat(r.code()).isEqualTo(RejectionCode.INVALID_SIGNATURE);
  }

  @Test
  void verify_bodyWithoutContentDigest_isSignatureMismatchBeforeReadingTheBody() {
    // Signed the old way (over the body's own digest) and sent without Content-Digest or framing:
    // the MAC is computed over the empty body's digest, fails, and nothing is read.
    TestRequest request = signed(key, post(JSON), NOW).withoutHeader("Content-Digest");
    Rejected r = rejected(verifier(key).build().verify(request));
    assertThat(r.reason()).isEqualTo(RejectionReason.SIGNATURE_MISMATCH);
    assertThat(request.bodyReads).isZero();
  }

  @Test
  void verify_contentLengthWithoutContentDigest_isMalformedAndReadsNothing() {
    TestRequest request =
        signed(key, post(JSON), NOW)
            .withoutHeader("Content-Digest")
            .header("Content-Length", String.valueOf(JSON.length));
    Rejected r = rejected(verifier(key).build().verify(request));
    assertThat(r.reason()).isEqualTo(RejectionReason.CONTENT_DIGEST_MISSING);
    assertThat(r.code()).isEqualTo(RejectionCode.MALFORMED_SIGNATURE);
    assertThat(request.bodyReads).isZero();
  }

  @Test
  void verify_transferEncodingWithoutContentDigest_isMalformedAndReadsNothing() {
    TestRequest request =
        signed(key, post(JSON), NOW)
            .withoutHeader("Content-Digest")
            .header("Transfer-Encoding", "chunked");
    Rejected r = rejected(verifier(key).build().verify(request));
    assertThat(r.reason()).isEqualTo(RejectionReason.CONTENT_DIGEST_MISSING);
    assertThat(request.bodyReads).isZero();
  }

  @Test
  void verify_unannouncedBodyWithoutContentDigest_isMalformedAfterReadingOneByte() {
    // Signed with an empty body, so the MAC holds; the body that arrives is not empty.
    TestRequest signed = signed(key, post(new byte[0]), NOW);
    TestRequest request = signed.copy("POST", signed.rawPath, signed.rawQuery, JSON);
    AtomicInteger read = new AtomicInteger();
    RequestView counting =
        new ForwardingView(request) {
          @Override
          public InputStream body() {
            return new java.io.FilterInputStream(request.body()) {
              @Override
              public int read() throws IOException {
                int b = super.read();
                read.addAndGet(b < 0 ? 0 : 1);
                return b;
              }

              @Override
              public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                read.addAndGet(Math.max(n, 0));
                return n;
              }
            };
          }
        };
    Rejected r = rejected(verifier(key).build().verify(counting));
    assertThat(r.reason()).isEqualTo(RejectionReason.CONTENT_DIGEST_MISSING);
    assertThat(read.get()).isEqualTo(1);
  }

  @Test
  void verify_emptyBodyWithContentLengthZeroAndNoContentDigest_isVerified() {
    TestRequest request = signed(key, post(new byte[0]), NOW).header("Content-Length", "0");
    assertThat(request.headers("Content-Digest")).isEmpty();
    VerificationResult result = verifier(key).build().verify(request);
    assertThat(result).isInstanceOf(Verified.class);
    ((Verified) result).close();
  }

  @Test
  void verify_everyKeyLookupOutcome_costsExactlyOneMac() {
    // Unknown, revoked, expired and mismatched keys are rejected after one MAC over a dummy key,
    // as a known key is after its own: the answer's timing does not tell them apart.
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    HmacKey revokedSigner = twin("revoked-1", secret).build();
    HmacKey revoked = twin("revoked-1", secret).status(KeyStatus.REVOKED).build();
    HmacKey expiredSigner = twin("expired-1", secret).build();
    HmacKey expired = twin("expired-1", secret).notAfter(NOW.minusSeconds(1)).build();
    HmacKey other512 = key("orders-1", Algorithm.HMAC_SHA512).build();
    HmacKey unknown = key("nobody-1", Algorithm.HMAC_SHA256).build();
    Map<RejectionReason, TestRequest> requests =
        Map.of(
            RejectionReason.UNKNOWN_KEY, signed(unknown, post(JSON), NOW),
            RejectionReason.KEY_REVOKED, signed(revokedSigner, post(JSON), NOW),
            RejectionReason.KEY_EXPIRED, signed(expiredSigner, post(JSON), NOW),
            RejectionReason.ALGORITHM_MISMATCH, signed(other512, post(JSON), NOW),
            RejectionReason.SIGNATURE_MISMATCH,
                signed(key, post(JSON), NOW)
                    .copy("PUT", "/shop/api/orders/a%2Fb", "b=2&a=1", JSON));
    AtomicInteger macs = new AtomicInteger();
    HmacVerifier verifier =
        verifier(key, revoked, expired).macObserver(macs::incrementAndGet).build();
    for (Map.Entry<RejectionReason, TestRequest> e : requests.entrySet()) {
      macs.set(0);
      Rejected r = rejected(verifier.verify(e.getValue()));
      assertThat(r.reason()).isEqualTo(e.getKey());
      assertThat(macs.get()).as(e.getKey().name()).isEqualTo(1);
    }
    macs.set(0);
    VerificationResult ok = verifier.verify(signed(key, post(JSON), NOW));
    assertThat(ok).isInstanceOf(Verified.class);
    ((Verified) ok).close();
    assertThat(macs.get()).isEqualTo(1);
  }

  @Test
  void verify_unreadableBody_isInvalidSignature() {
    TestRequest signed = signed(key, post(JSON), NOW);
    RequestView failing =
        new ForwardingView(signed) {
          @Override
          public InputStream body() throws IOException {
            throw new IOException("connection reset");
          }
        };
    Rejected r = rejected(verifier(key).build().verify(failing));
    assertThat(r.reason()).isEqualTo(RejectionReason.BODY_UNREADABLE);
  }

  @Test
  void verify_bodyOverLimit_isBodyTooLargeAndReadsAtMostOneBytePastTheLimit() {
    byte[] body = new byte[1000];
    TestRequest signed = signed(key, post(body), NOW);
    AtomicInteger read = new AtomicInteger();
    RequestView counting =
        new ForwardingView(signed) {
          @Override
          public InputStream body() {
            return new java.io.FilterInputStream(signed.body()) {
              @Override
              public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                read.addAndGet(Math.max(n, 0));
                return n;
              }
            };
          }
        };
    Rejected r = rejected(verifier(key).maxBodyBytes(100).build().verify(counting));
    assertThat(r.reason()).isEqualTo(RejectionReason.BODY_TOO_LARGE);
    assertThat(r.code().status()).isEqualTo(413);
    assertThat(read.get()).isLessThanOrEqualTo(101);
  }

  @Test
  void verify_sameRequestTwice_isReplayedTheSecondTime() {
    TestRequest request = signed(key, post(JSON), NOW);
    HmacVerifier verifier = verifier(key).build();
    assertThat(verifier.verify(request)).isInstanceOf(Verified.class);
    Rejected r = rejected(verifier.verify(request));
    assertThat(r.reason()).isEqualTo(RejectionReason.REPLAYED_NONCE);
    assertThat(r.code()).isEqualTo(RejectionCode.REPLAYED_NONCE);
  }

  @Test
  void verify_replayStoreFails_isServiceUnavailable() {
    HmacVerifier verifier =
        HmacVerifier.builder()
            .keys(KeyRing.of(key))
            .clock(CLOCK)
            .replayStore(
                (k, n, e) -> {
                  throw new ReplayStoreUnavailableException("down");
                })
            .build();
    Rejected r = rejected(verifier.verify(signed(key, post(JSON), NOW)));
    assertThat(r.reason()).isEqualTo(RejectionReason.REPLAY_STORE_UNAVAILABLE);
    assertThat(r.code().status()).isEqualTo(503);
  }

  @Test
  void verify_replayStoreFailsAfterTheBodyWasSpilled_leavesNoTempFile(@TempDir Path tmp) {
    HmacVerifier verifier =
        HmacVerifier.builder()
            .keys(KeyRing.of(key))
            .clock(CLOCK)
            .replayStore(
                (k, n, e) -> {
                  throw new ReplayStoreUnavailableException("down");
                })
            .memoryThreshold(1024)
            .tempDirectory(tmp)
            .build();
    Rejected r = rejected(verifier.verify(signed(key, post(random(5000)), NOW)));
    assertThat(r.reason()).isEqualTo(RejectionReason.REPLAY_STORE_UNAVAILABLE);
    assertThat(listFiles(tmp)).isEmpty();
  }

  @Test
  void verify_listener_isToldOfEveryVerdictWithItsRequest() {
    List<String> calls = new java.util.ArrayList<>();
    HmacVerifier verifier =
        verifier(key)
            .listener(
                new VerificationListener() {
                  @Override
                  public void onVerified(Verified result, RequestView request) {
                    calls.add("verified " + result.keyId() + " " + request.rawPath());
                  }

                  @Override
                  public void onRejected(Rejected result, RequestView request) {
                    calls.add("rejected " + result.reason() + " " + request.rawPath());
                  }
                })
            .build();
    TestRequest request = signed(key, post(JSON), NOW);
    verifier.verify(request).close();
    verifier.verify(request).close();
    assertThat(calls)
        .containsExactly(
            "verified orders-1 /shop/api/orders/a%2Fb",
            "rejected REPLAYED_NONCE /shop/api/orders/a%2Fb");
  }

  @Test
  void verify_listenerThrows_verdictStandsAndTheFailureIsLogged() {
    HmacVerifier verifier =
        verifier(key)
            .listener(
                new VerificationListener() {
                  @Override
                  public void onVerified(Verified result, RequestView request) {
                    throw new IllegalStateException("listener bug");
                  }
                })
            .build();
    try (LogCapture logs = new LogCapture()) {
      VerificationResult result = verifier.verify(signed(key, post(JSON), NOW));
      assertThat(result).isInstanceOf(Verified.class);
      result.close();
      assertThat(logs.warnings())
          .singleElement()
          .satisfies(
              w -> {
                assertThat(w.getMessage()).contains("VerificationListener threw");
                assertThat(w.getThrown()).hasMessage("listener bug");
              });
    }
  }

  @Test
  void verify_unauthenticatedRequests_neverTouchTheReplayStore() {
    AtomicInteger calls = new AtomicInteger();
    HmacVerifier verifier =
        HmacVerifier.builder()
            .keys(KeyRing.of(key))
            .clock(CLOCK)
            .replayStore((k, n, e) -> calls.incrementAndGet() > 0)
            .build();
    TestRequest signed = signed(key, post(JSON), NOW);
    verifier.verify(signed.copy("PUT", signed.rawPath, signed.rawQuery, JSON));
    verifier.verify(signed.copy("POST", signed.rawPath, signed.rawQuery, new byte[] {1}));
    verifier.verify(signed(key, post(JSON), NOW.minusSeconds(3600)));
    assertThat(calls.get()).isZero();
  }

  @Test
  void verify_sha512Key_isVerified() {
    assertThat(verifier(key512).build().verify(signed(key512, post(JSON), NOW)))
        .isInstanceOf(Verified.class);
  }

  // --- the body path: 0 bytes, at the threshold, above it, over the limit; no temp file left ---

  @Test
  void verify_emptyBody_isVerifiedInMemory(@TempDir Path tmp) throws IOException {
    assertBodyRoundTrips(new byte[0], 16, tmp, false);
  }

  @Test
  void verify_bodyAtThreshold_staysInMemory(@TempDir Path tmp) throws IOException {
    assertBodyRoundTrips(random(64 * 1024), 64 * 1024, tmp, false);
  }

  @Test
  void verify_bodyAboveThreshold_spillsToAFileThatIsDeleted(@TempDir Path tmp) throws IOException {
    assertBodyRoundTrips(random(64 * 1024 + 1), 64 * 1024, tmp, true);
  }

  @Test
  void verify_bodyOverLimitAboveThreshold_leavesNoTempFile(@TempDir Path tmp) throws IOException {
    TestRequest request = signed(key, post(random(300_000)), NOW);
    Rejected r =
        rejected(
            verifier(key)
                .memoryThreshold(1024)
                .maxBodyBytes(200_000)
                .tempDirectory(tmp)
                .build()
                .verify(request));
    assertThat(r.reason()).isEqualTo(RejectionReason.BODY_TOO_LARGE);
    assertThat(listFiles(tmp)).isEmpty();
  }

  @Test
  void verify_rejectedAfterSpilling_leavesNoTempFile(@TempDir Path tmp) throws IOException {
    TestRequest signed = signed(key, post(random(100_000)), NOW);
    TestRequest tampered = signed.copy("POST", signed.rawPath, signed.rawQuery, random(100_000));
    Rejected r =
        rejected(verifier(key).memoryThreshold(1024).tempDirectory(tmp).build().verify(tampered));
    assertThat(r.reason()).isEqualTo(RejectionReason.BODY_DIGEST_MISMATCH);
    assertThat(listFiles(tmp)).isEmpty();
  }

  @Test
  void verify_tempDirectoryUnwritable_isBodyStorageUnavailableAndNoNonceIsSpent(@TempDir Path tmp)
      throws IOException {
    // Tests may run as root, for whom no permission bit forbids a write: a directory below a
    // regular file can be written by nobody.
    Path notADirectory = Files.writeString(tmp.resolve("regular-file"), "x");
    AtomicInteger storeCalls = new AtomicInteger();
    HmacVerifier verifier =
        HmacVerifier.builder()
            .keys(KeyRing.of(key))
            .clock(CLOCK)
            .replayStore((k, n, e) -> storeCalls.incrementAndGet() > 0)
            .memoryThreshold(1024)
            .tempDirectory(notADirectory.resolve("tmp"))
            .build();

    Rejected r = rejected(verifier.verify(signed(key, post(random(5000)), NOW)));

    assertThat(r.reason()).isEqualTo(RejectionReason.BODY_STORAGE_FAILED);
    // for the server's log: the I/O error's class and message (here, the path that failed)
    assertThat(r.detail())
        .startsWith("the body could not be written to a temporary file: ")
        .containsPattern("[A-Za-z]+Exception ")
        .contains(notADirectory.toString());
    assertThat(r.code()).isEqualTo(RejectionCode.BODY_STORAGE_UNAVAILABLE);
    assertThat(r.code().status()).isEqualTo(503);
    assertThat(storeCalls.get()).isZero();
    RejectionResponse response = verifier.rejectionResponse(r);
    assertThat(response.status()).isEqualTo(503);
    assertThat(new String(response.body(), StandardCharsets.UTF_8))
        .contains("\"code\":\"body_storage_unavailable\"")
        .doesNotContain(tmp.toString());
  }

  @Test
  void verify_bodyBelowThresholdWithTempDirectoryUnwritable_isVerifiedInMemory(@TempDir Path tmp)
      throws IOException {
    Path notADirectory = Files.writeString(tmp.resolve("regular-file"), "x");
    VerificationResult result =
        verifier(key)
            .memoryThreshold(1024)
            .tempDirectory(notADirectory.resolve("tmp"))
            .build()
            .verify(signed(key, post(random(1024)), NOW));
    assertThat(result).isInstanceOf(Verified.class);
    ((Verified) result).close();
  }

  private void assertBodyRoundTrips(byte[] body, int threshold, Path tmp, boolean inFile)
      throws IOException {
    TestRequest request = signed(key, post(body), NOW);
    VerificationResult result =
        verifier(key).memoryThreshold(threshold).tempDirectory(tmp).build().verify(request);
    assertThat(result).isInstanceOf(Verified.class);
    try (Verified v = (Verified) result) {
      assertThat(v.body().isInFile()).isEqualTo(inFile);
      assertThat(v.body().size()).isEqualTo(body.length);
      assertThat(listFiles(tmp)).hasSize(inFile ? 1 : 0);
      try (InputStream in = v.body().openStream()) {
        assertThat(listFiles(tmp)).isEmpty(); // unlinked as soon as opened
        assertThat(in.readAllBytes()).isEqualTo(body);
      }
    }
    assertThat(listFiles(tmp)).isEmpty();
  }

  @Test
  void close_fileBodyNeverOpened_deletesTheFile(@TempDir Path tmp) {
    TestRequest request = signed(key, post(random(5000)), NOW);
    Verified v =
        (Verified) verifier(key).memoryThreshold(100).tempDirectory(tmp).build().verify(request);
    assertThat(listFiles(tmp)).hasSize(1);
    v.close();
    assertThat(listFiles(tmp)).isEmpty();
  }

  @Test
  void verify_hostHeaderPresent_winsOverTheAuthority() {
    TestRequest request = signed(key, post(JSON), NOW).authority("other.example:8443");

    assertThat(verifier(key).build().verify(request)).isInstanceOf(Verified.class);
  }

  @Test
  void verify_noHostHeader_coversTheAuthorityInstead() {
    TestRequest viaAuthority =
        signed(key, post(JSON), NOW).withoutHeader("Host").authority("API.example.com");
    TestRequest otherAuthority =
        signed(key, post(JSON), NOW).withoutHeader("Host").authority("other.example");
    TestRequest noAuthority = signed(key, post(JSON), NOW).withoutHeader("Host");

    assertThat(verifier(key).build().verify(viaAuthority)).isInstanceOf(Verified.class);
    assertThat(rejected(verifier(key).build().verify(otherAuthority)).reason())
        .isEqualTo(RejectionReason.SIGNATURE_MISMATCH);
    assertThat(rejected(verifier(key).build().verify(noAuthority)).reason())
        .isEqualTo(RejectionReason.COVERED_HEADER_MISSING);
  }

  @Test
  void verify_viewThatCannotShowTheRequest_isRejectedNotThrown() {
    TestRequest signed = signed(key, post(JSON), NOW);
    RequestView broken =
        new RequestView() {
          @Override
          public String method() {
            return signed.method();
          }

          @Override
          public String rawPath() {
            throw new IllegalArgumentException("Illegal character in query at index 12");
          }

          @Override
          public String rawQuery() {
            return signed.rawQuery();
          }

          @Override
          public List<String> headers(String name) {
            return signed.headers(name);
          }

          @Override
          public InputStream body() {
            return signed.body();
          }
        };

    try (LogCapture logs = new LogCapture()) {
      Rejected r = rejected(verifier(key).build().verify(broken));

      assertThat(r.reason()).isEqualTo(RejectionReason.REQUEST_UNREADABLE);
      assertThat(r.code()).isEqualTo(RejectionCode.INVALID_SIGNATURE);
      assertThat(r.detail()).endsWith("IllegalArgumentException");
      // the stack trace goes to the server's log, with one warning (the default listener logs the
      // rejection without asking the view again for what it could not show)
      assertThat(logs.warnings())
          .singleElement()
          .satisfies(w -> assertThat(w.getThrown()).isInstanceOf(IllegalArgumentException.class));
    }
  }

  @Test
  void verify_upgradeRequestWithoutLength_readsNoBody() {
    // HTTP/1.1 with Upgrade: h2c and neither Content-Length nor Transfer-Encoding has no body;
    // Grizzly would block a reader until the client gives up.
    TestRequest request =
        signed(key, new TestRequest("GET", "/items", "a=1", new byte[0]).header("Host", "h"), NOW)
            .header("Upgrade", "h2c")
            .header("Connection", "Upgrade, HTTP2-Settings");

    VerificationResult result = verifier(key).build().verify(request);

    assertThat(result).isInstanceOf(Verified.class);
    assertThat(request.bodyReads).isZero();
  }

  @Test
  void verify_upgradeRequestWithLength_readsTheBody() {
    TestRequest request =
        signed(key, post(JSON), NOW)
            .header("Upgrade", "h2c")
            .header("Content-Length", Integer.toString(JSON.length));

    assertThat(verifier(key).build().verify(request)).isInstanceOf(Verified.class);
    assertThat(request.bodyReads).isEqualTo(1);
  }

  @Test
  void build_calledTwiceWithoutReplayProtection_buildsTwice() {
    HmacVerifier.Builder builder =
        HmacVerifier.builder().keys(KeyRing.of(key)).clock(CLOCK).withoutReplayProtection();

    HmacVerifier first = builder.build();
    HmacVerifier second = builder.build();

    assertThat(second).isNotSameAs(first);
    TestRequest request = signed(key, post(JSON), NOW);
    assertThat(first.verify(request)).isInstanceOf(Verified.class);
    assertThat(second.verify(request)).isInstanceOf(Verified.class);
  }

  @Test
  void build_defaultReplayStore_runsOnTheVerifiersClock() {
    // A clock years in the past: on the system clock, the nonce would have expired at once.
    Instant past = Instant.parse("2020-01-01T00:00:00Z");
    HmacVerifier verifier =
        HmacVerifier.builder().keys(KeyRing.of(key)).clock(InstantSource.fixed(past)).build();
    TestRequest request = signed(key, post(JSON), past);

    assertThat(verifier.verify(request)).isInstanceOf(Verified.class);
    assertThat(rejected(verifier.verify(request)).reason())
        .isEqualTo(RejectionReason.REPLAYED_NONCE);
  }

  @Test
  void build_defaultReplayStoreFromConfiguration_runsOnTheVerifiersClock() {
    Instant past = Instant.parse("2020-01-01T00:00:00Z");
    HmacVerifier verifier =
        HmacConfig.lookup(name -> null)
            .verifierBuilder(KeySource.of(KeyRing.of(key)))
            .clock(InstantSource.fixed(past))
            .build();
    TestRequest request = signed(key, post(JSON), past);

    assertThat(verifier.verify(request)).isInstanceOf(Verified.class);
    assertThat(rejected(verifier.verify(request)).reason())
        .isEqualTo(RejectionReason.REPLAYED_NONCE);
  }

  @Test
  void build_skewOverFifteenMinutes_isRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> verifier(key).clockSkew(Duration.ofMinutes(16)).build())
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("15 minutes");
  }

  @Test
  void rejectionResponse_401_hasOneChallengePerSchemeAndProblemJson() {
    Rejected r = new Rejected(RejectionReason.KEY_REVOKED, "k", "revoked");
    RejectionResponse response = verifier(key).realm("orders").build().rejectionResponse(r);
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers())
        .containsExactly(
            Map.entry("WWW-Authenticate", "HMAC-SHA256 realm=\"orders\""),
            Map.entry("WWW-Authenticate", "HMAC-SHA512 realm=\"orders\""),
            Map.entry("Content-Type", "application/problem+json"),
            Map.entry("Cache-Control", "no-store"),
            Map.entry("Content-Length", Integer.toString(response.body().length)));
    assertThat(response.bodyText())
        .contains("\"code\":\"invalid_signature\"")
        .contains("\"status\":401")
        .doesNotContain("revoked");
  }

  @Test
  void rejectionResponse_413_hasNoChallenge() {
    RejectionResponse response = RejectionResponse.of(RejectionCode.BODY_TOO_LARGE, "api");
    assertThat(response.status()).isEqualTo(413);
    assertThat(response.headers("www-authenticate")).isEmpty();
    assertThat(response.headers("Cache-Control")).containsExactly("no-store");
    assertThat(response.bodyText()).contains("\"code\":\"body_too_large\"");
  }

  static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }

  static List<Path> listFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Captures the records of the logger dev.hmacsigned while open. */
  static final class LogCapture extends java.util.logging.Handler implements AutoCloseable {
    private final java.util.logging.Logger logger =
        java.util.logging.Logger.getLogger("dev.hmacsigned");
    private final List<java.util.logging.LogRecord> records = new java.util.ArrayList<>();

    LogCapture() {
      logger.addHandler(this);
    }

    @Override
    public synchronized void publish(java.util.logging.LogRecord record) {
      records.add(record);
    }

    synchronized List<java.util.logging.LogRecord> warnings() {
      return records.stream().filter(r -> r.getLevel() == java.util.logging.Level.WARNING).toList();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      logger.removeHandler(this);
    }
  }

  /** Delegates everything to another view; tests override one method. */
  static class ForwardingView implements RequestView {
    private final RequestView delegate;

    ForwardingView(RequestView delegate) {
      this.delegate = delegate;
    }

    @Override
    public String method() {
      return delegate.method();
    }

    @Override
    public String rawPath() {
      return delegate.rawPath();
    }

    @Override
    public String rawQuery() {
      return delegate.rawQuery();
    }

    @Override
    public List<String> headers(String name) {
      return delegate.headers(name);
    }

    @Override
    public InputStream body() throws IOException {
      return delegate.body();
    }
  }
}
