package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hmacsigned.core.VerificationResult.Rejected;
import dev.hmacsigned.core.VerificationResult.Verified;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the shared test-vector file (test-vectors/protocol-v1.json) through signer and verifier. */
class ProtocolVectorsTest {
  static final Path VECTORS = Path.of("..", "test-vectors", "protocol-v1.json");

  static JsonNode vectors() throws IOException {
    return new ObjectMapper().readTree(VECTORS.toFile());
  }

  static Stream<Arguments> accepted() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    vectors().get("accepted").forEach(c -> cases.add(Arguments.of(c.get("name").asText(), c)));
    return cases.stream();
  }

  static Stream<Arguments> rejected() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    vectors().get("rejected").forEach(c -> cases.add(Arguments.of(c.get("name").asText(), c)));
    return cases.stream();
  }

  @Test
  void vectorFile_coversTheRequiredCases() throws IOException {
    assertThat(vectors().get("accepted")).hasSizeGreaterThanOrEqualTo(44);
    assertThat(vectors().get("rejected")).hasSizeGreaterThanOrEqualTo(59);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void sign_acceptedVector_reproducesCanonicalStringSignatureAndHeaders(String name, JsonNode c)
      throws IOException {
    HmacKey key = key(c.get("key"));
    TestRequest request = request(c.get("request"));
    JsonNode sign = c.get("sign");
    JsonNode expected = c.get("expected");
    long timestamp = Long.parseLong(sign.get("timestamp").asText());
    List<String> covered =
        sign.get("headers").asText().isEmpty()
            ? List.of()
            : List.of(sign.get("headers").asText().split(";"));

    String canonical =
        CanonicalRequest.of(
            key.algorithm(),
            key.id(),
            timestamp,
            sign.get("nonce").asText(),
            covered,
            request,
            expected.get("body_digest_hex").asText());
    assertThat(canonical).isEqualTo(expected.get("canonical").asText());

    SignedHeaders headers =
        HmacSigner.builder(key)
            .coveredHeaders(covered)
            .clock(InstantSource.fixed(Instant.ofEpochSecond(timestamp)))
            .nonces(() -> sign.get("nonce").asText())
            .build()
            .sign(request);
    assertThat(headers.authorization()).isEqualTo(expected.get("authorization").asText());
    assertThat(SignatureParameters.parse(headers.authorization()).signature())
        .isEqualTo(expected.get("signature").asText());
    JsonNode digest = expected.get("content_digest");
    assertThat(headers.contentDigestHeader())
        .isEqualTo(digest.isNull() ? Optional.empty() : Optional.of(digest.asText()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void verify_acceptedVector_isVerified(String name, JsonNode c) {
    HmacKey key = key(c.get("key"));
    JsonNode expected = c.get("expected");
    TestRequest request =
        request(c.get("request")).header("Authorization", expected.get("authorization").asText());
    if (!expected.get("content_digest").isNull()) {
      request.header("Content-Digest", expected.get("content_digest").asText());
    }
    VerificationResult result = verifier(key, c).verify(request);
    assertThat(result).isInstanceOf(Verified.class);
    try (Verified verified = (Verified) result;
        InputStream body = verified.body().openStream()) {
      assertThat(body.readAllBytes()).isEqualTo(request.body);
      assertThat(verified.keyId()).isEqualTo(key.id());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void verify_acceptedVectorWithoutItsContentDigest_isRejectedUnlessTheBodyIsEmpty(
      String name, JsonNode c) {
    // Protocol v1 §2.2: a non-empty body needs Content-Digest. Without it the MAC is computed over
    // the empty body's digest, so an accepted vector with a body no longer verifies.
    HmacKey key = key(c.get("key"));
    JsonNode expected = c.get("expected");
    TestRequest request =
        request(c.get("request")).header("Authorization", expected.get("authorization").asText());
    VerificationResult result = verifier(key, c).verify(request);
    if (expected.get("content_digest").isNull()) {
      assertThat(request.body).isEmpty();
      assertThat(result).isInstanceOf(Verified.class);
      ((Verified) result).close();
    } else {
      assertThat(result).isInstanceOf(Rejected.class);
      assertThat(((Rejected) result).code()).isEqualTo(RejectionCode.INVALID_SIGNATURE);
      assertThat(request.bodyReads).isZero();
    }
  }

  private static HmacVerifier verifier(HmacKey key, JsonNode c) {
    InstantSource clock = InstantSource.fixed(Instant.ofEpochSecond(c.get("now").asLong()));
    return HmacVerifier.builder().keys(KeyRing.of(key)).clock(clock).build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejected")
  void verify_rejectedVector_givesTheExpectedCodeAndReason(String name, JsonNode c) {
    List<HmacKey> keys = new ArrayList<>();
    c.get("keys").forEach(k -> keys.add(key(k)));
    InMemoryReplayStore store =
        InMemoryReplayStore.withCapacity(
            100, InstantSource.fixed(Instant.ofEpochSecond(c.get("now").asLong())));
    c.get("seen_nonces")
        .forEach(
            pair ->
                store.recordIfAbsent(
                    pair.get(0).asText(),
                    pair.get(1).asText(),
                    Instant.ofEpochSecond(c.get("now").asLong() + c.get("skew_seconds").asLong())));
    HmacVerifier verifier =
        HmacVerifier.builder()
            .keys(KeyRing.of(keys))
            .replayStore(store)
            .clock(InstantSource.fixed(Instant.ofEpochSecond(c.get("now").asLong())))
            .clockSkew(Duration.ofSeconds(c.get("skew_seconds").asLong()))
            .maxBodyBytes(c.get("max_body_bytes").asLong())
            .build();

    VerificationResult result = verifier.verify(request(c.get("request")));

    assertThat(result).isInstanceOf(Rejected.class);
    Rejected rejected = (Rejected) result;
    assertThat(rejected.code().code()).isEqualTo(c.get("expected_code").asText());
    assertThat(rejected.code().status()).isEqualTo(c.get("expected_status").asInt());
    assertThat(rejected.reason()).isEqualTo(javaReason(c.get("reason").asText()));
  }

  /**
   * The vector file names the Python reference's reasons, finer-grained for malformed headers than
   * the Java enum (which folds them into one reason with a detail message); map them.
   */
  static RejectionReason javaReason(String vectorReason) {
    return switch (vectorReason) {
      case "AUTHORIZATION_TOO_LARGE",
          "BAD_HEADERS",
          "BAD_KEY_ID",
          "BAD_NONCE",
          "BAD_SIGNATURE_FORMAT",
          "BAD_SYNTAX",
          "BAD_TIMESTAMP",
          "MISSING_PARAMETER",
          "REPEATED_PARAMETER",
          "UNKNOWN_PARAMETER",
          "UNKNOWN_SCHEME" ->
          RejectionReason.MALFORMED_AUTHORIZATION;
      case "BAD_CONTENT_DIGEST" -> RejectionReason.MALFORMED_CONTENT_DIGEST;
      case "NOT_HMAC_SCHEME" -> RejectionReason.MISSING_AUTHORIZATION;
      case "STALE_TIMESTAMP" -> RejectionReason.TIMESTAMP_OUT_OF_WINDOW;
      default -> RejectionReason.valueOf(vectorReason);
    };
  }

  static HmacKey key(JsonNode k) {
    HmacKey.Builder builder =
        HmacKey.builder(k.get("id").asText())
            .secret(Base64.getDecoder().decode(k.get("secret_base64").asText()))
            .algorithm(Algorithm.fromScheme(k.get("algorithm").asText()).orElseThrow());
    if (k.has("status") && k.get("status").asText().equals("revoked")) {
      builder.status(KeyStatus.REVOKED);
    }
    if (k.has("not_after") && !k.get("not_after").isNull()) {
      builder.notAfter(Instant.parse(k.get("not_after").asText()));
    }
    return builder.build();
  }

  static TestRequest request(JsonNode r) {
    TestRequest request =
        new TestRequest(
            r.get("method").asText(),
            r.get("raw_path").asText(),
            r.get("raw_query").isNull() ? null : r.get("raw_query").asText(),
            Base64.getDecoder().decode(r.get("body_base64").asText()));
    r.get("headers").forEach(h -> request.header(h.get(0).asText(), h.get(1).asText()));
    if (r.hasNonNull("authority")) {
      request.authority(r.get("authority").asText());
    }
    return request;
  }
}
