package dev.hmacsigned.it.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.Algorithm;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
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
  private static final HmacSigner SIGNER =
      HmacSigner.builder(
              HmacKey.builder("k").secret(new byte[32]).algorithm(Algorithm.HMAC_SHA256).build())
          .clock(InstantSource.fixed(Instant.ofEpochSecond(1_763_900_000L)))
          .nonces(() -> "Zk3x9QwPZ0m1yT7bq2V8sA")
          .build();

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
    assertThat(authorization(encoded, encoded.query(), encoded.headers(), false))
        .isEqualTo(authorization(literal, literal.query(), literal.headers(), false));
  }

  static List<TamperCase> tamperCases() {
    return TamperCorpus.cases();
  }

  @ParameterizedTest
  @MethodSource("tamperCases")
  void tamperCase_sentSpelling_isSignedDifferently(TamperCase t) {
    String signed = authorization(t.signed(), t.signed().query(), t.signed().headers(), false);
    String sent = authorization(t.sent(), t.sent().query(), t.sent().headers(), t.changesHost());
    assertThat(sent).as(t.distinction()).isNotEqualTo(signed);
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

  /** The Authorization of a request, with a fixed clock and nonce: equal means signed the same. */
  private static String authorization(
      MatrixRequest r, String query, List<Map.Entry<String, String>> headers, boolean otherHost) {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    byName.put("Host", List.of(otherHost ? "localhost:8080" : BASE.getRawAuthority()));
    for (Map.Entry<String, String> h : headers) {
      byName.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue());
    }
    return SIGNER.sign(r.method(), r.rawPath(BASE), query, byName, r.body()).authorization();
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
