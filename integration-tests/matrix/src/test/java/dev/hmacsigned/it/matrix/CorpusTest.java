package dev.hmacsigned.it.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.Algorithm;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.RejectionReason;
import dev.hmacsigned.core.RequestView;
import dev.hmacsigned.core.SignedHeaders;
import dev.hmacsigned.core.VerificationResult;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The corpora cover what the issue asks for, and every tamper case changes what is signed. */
class CorpusTest {
  private static final URI BASE = URI.create("http://127.0.0.1:8080/ctx/api/m");
  private static final HmacKey KEY =
      HmacKey.builder("k").secret(new byte[32]).algorithm(Algorithm.HMAC_SHA256).build();
  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.ofEpochSecond(1_763_900_000L));
  private static final HmacSigner SIGNER = HmacSigner.builder(KEY).clock(CLOCK).build();
  private static final HmacVerifier VERIFIER =
      HmacVerifier.builder().keys(KeyRing.of(KEY)).clock(CLOCK).withoutReplayProtection().build();

  @Test
  void corpus_hasAtLeast40RequestsAndEveryMethod() {
    assertThat(Corpus.accepted()).hasSizeGreaterThanOrEqualTo(40);
    assertThat(Corpus.accepted().stream().map(MatrixRequest::method).distinct())
        .containsExactlyInAnyOrder("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  }

  @Test
  void corpus_contentTypes_coverEveryCharsetSpellingFormsAndMultipart() {
    assertThat(Corpus.accepted().stream().map(r -> r.header("Content-Type")))
        .contains(
            "application/json; charset=utf-8",
            "application/json; charset=UTF-8",
            "application/json; charset=\"utf-8\"",
            "application/json",
            "application/x-www-form-urlencoded; charset=UTF-8",
            "application/x-www-form-urlencoded; charset=utf-8",
            "multipart/form-data; boundary=" + Corpus.BOUNDARY);
  }

  @Test
  void corpus_bodies_includeEveryByteValueAndEmptyBodies() {
    assertThat(Corpus.accepted())
        .anySatisfy(
            r ->
                assertThat(IntStream.range(0, 256).allMatch(b -> contains(r.body(), (byte) b)))
                    .isTrue());
    assertThat(Corpus.accepted())
        .anySatisfy(
            r -> {
              assertThat(r.method()).isEqualTo("POST");
              assertThat(r.hasBody()).isFalse();
            });
  }

  @Test
  void corpus_pathsAndQueries_haveLiteralEncodedLowercaseHexUnicodePlusAndEmptyParameters() {
    List<String> targets =
        Corpus.accepted().stream()
            .map(r -> r.path() + (r.query() == null ? "" : "?" + r.query()))
            .toList();
    assertThat(targets)
        .anyMatch(t -> t.contains("?q=a/b:c@d,e;f'g?h"))
        .anyMatch(t -> t.contains("%2Fb%3Ac%40d"))
        .anyMatch(t -> t.contains("%c3%a9"))
        .anyMatch(t -> t.contains("%F0%9F%98%80"))
        .anyMatch(t -> t.contains("q=a+b"))
        .anyMatch(t -> t.contains("&&"))
        .anyMatch(t -> t.contains("a=&"))
        .anyMatch(t -> t.contains("a=1&a=0"));
  }

  @Test
  void corpus_literalAndEncodedReservedQuery_signTheSame() {
    MatrixRequest literal = named("get-query-literal-reserved");
    MatrixRequest encoded = named("get-query-encoded-reserved");
    try (VerificationResult result = verify(literal, encoded, false)) {
      assertThat(result).isInstanceOf(VerificationResult.Verified.class);
    }
  }

  static List<TamperCase> tamperCases() {
    return TamperCorpus.cases();
  }

  @ParameterizedTest
  @MethodSource("tamperCases")
  void tamperCase_sentSpelling_isSignedDifferently(TamperCase t) {
    try (VerificationResult asSigned = verify(t.signed(), t.signed(), false)) {
      assertThat(asSigned)
          .as("the signed spelling")
          .isInstanceOf(VerificationResult.Verified.class);
    }
    try (VerificationResult asSent = verify(t.signed(), t.sent(), t.changesHost())) {
      assertThat(asSent)
          .as(t.distinction())
          .isInstanceOfSatisfying(
              VerificationResult.Rejected.class,
              r ->
                  assertThat(r.reason())
                      .isIn(
                          RejectionReason.SIGNATURE_MISMATCH,
                          RejectionReason.BODY_DIGEST_MISMATCH));
    }
  }

  @Test
  void tamperCorpus_coversEveryDistinctionOfTheAmendment() {
    assertThat(TamperCorpus.cases().stream().map(TamperCase::name))
        .contains(
            "query-plus-vs-%2B",
            "query-plus-vs-%20",
            "query-amp-vs-%26",
            "query-equals-vs-%3D",
            "path-semicolon-vs-%3B",
            "path-slash-vs-%2F",
            "multipart-boundary-case",
            "content-type-media-type",
            "host-changed",
            "method-changed",
            "body-changed",
            "path-case");
  }

  private static MatrixRequest named(String name) {
    return Corpus.accepted().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  /**
   * Signs one request, then verifies another carrying that signature: verified means both are
   * signed the same (the nonce is random, so two signatures are never compared as text).
   */
  private static VerificationResult verify(
      MatrixRequest signed, MatrixRequest sent, boolean sentToOtherHost) {
    SignedHeaders signature =
        SIGNER.sign(
            signed.method(),
            signed.rawPath(BASE),
            signed.query(),
            byName(signed.headers(), BASE.getRawAuthority()),
            signed.body());
    Map<String, List<String>> headers =
        byName(sent.headers(), sentToOtherHost ? "localhost:8080" : BASE.getRawAuthority());
    headers.put("Authorization", List.of(signature.authorization()));
    signature.contentDigestHeader().ifPresent(d -> headers.put("Content-Digest", List.of(d)));
    return VERIFIER.verify(
        new RequestView() {
          @Override
          public String method() {
            return sent.method();
          }

          @Override
          public String rawPath() {
            return sent.rawPath(BASE);
          }

          @Override
          public String rawQuery() {
            return sent.query();
          }

          @Override
          public List<String> headers(String name) {
            return RequestView.headerValues(headers, name);
          }

          @Override
          public InputStream body() {
            return new ByteArrayInputStream(sent.body());
          }
        });
  }

  private static Map<String, List<String>> byName(
      List<Map.Entry<String, String>> headers, String host) {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    byName.put("Host", List.of(host));
    for (Map.Entry<String, String> h : headers) {
      byName.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue());
    }
    return byName;
  }

  private static boolean contains(byte[] bytes, byte b) {
    for (byte x : bytes) {
      if (x == b) {
        return true;
      }
    }
    return false;
  }
}
