package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hmacsigned.core.VerificationResult.Rejected;
import dev.hmacsigned.core.VerificationResult.Verified;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzz targets for the {@code Authorization} header: its parser alone, and the verifier's whole
 * check of a request built from the fuzz input.
 *
 * <p>In {@code mvn verify} each target runs once per file of its seed corpus, {@code
 * src/test/resources/dev/hmacsigned/core/AuthorizationFuzzTestInputs/<method>/} (real inputs taken
 * from {@code test-vectors/protocol-v1.json}). With {@code JAZZER_FUZZ=1} Jazzer fuzzes it; see the
 * README's build section.
 */
class AuthorizationFuzzTest {
  /** The longest message of the parser: its own text only, never a piece of the header. */
  private static final int MAX_MESSAGE_CHARS = 120;

  @FuzzTest
  void parse_anyHeaderValue_returnsParametersThatRoundTripOrRefusesWithoutQuoting(byte[] input) {
    String value = new String(input, StandardCharsets.UTF_8);
    SignatureParameters parsed;
    try {
      parsed = SignatureParameters.parse(value);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank().hasSizeLessThanOrEqualTo(MAX_MESSAGE_CHARS);
      if (value.length() > MAX_MESSAGE_CHARS) {
        assertThat(e.getMessage()).doesNotContain(value);
      }
      return;
    }
    assertThat(SignatureParameters.claimsHmacScheme(value)).isTrue();
    assertThat(SignatureParameters.parse(parsed.toHeaderValue())).isEqualTo(parsed);
    assertThat(parsed.toString()).doesNotContain(parsed.signature());
  }

  /**
   * The input is a request in a small text form: the verifier's clock (Unix seconds), the method,
   * the raw path and the raw query ({@code -} for none) on the first four lines, then header lines
   * {@code Name: value} up to an empty line, then the body.
   */
  @FuzzTest
  void verify_anyRequest_returnsVerifiedOrRejectedAndNeverFailsToReadIt(byte[] input) {
    FuzzRequest request = FuzzRequest.from(input);
    if (request == null) {
      return;
    }
    HmacVerifier verifier =
        HmacVerifier.builder()
            .keys(KEYS)
            .clock(InstantSource.fixed(Instant.ofEpochSecond(request.now)))
            .withoutReplayProtection()
            .maxBodyBytes(1024)
            .listener(new VerificationListener() {})
            .build();
    try (VerificationResult result = verifier.verify(request.view())) {
      assertThat(result).isInstanceOfAny(Verified.class, Rejected.class);
      if (result instanceof Rejected rejected) {
        // REQUEST_UNREADABLE is the verifier's net for a RuntimeException inside its own check:
        // the request view here cannot fail, so that answer would be a crash in disguise.
        assertThat(rejected.reason()).isNotEqualTo(RejectionReason.REQUEST_UNREADABLE);
        assertThat(verifier.rejectionResponse(rejected).status()).isBetween(400, 599);
      } else {
        try (java.io.InputStream in = ((Verified) result).body().openStream()) {
          assertThat(in.readAllBytes()).isEqualTo(request.body);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }
  }

  /** The keys of the test vectors (their secrets are the vectors' published test secrets). */
  private static final KeyRing KEYS =
      KeyRing.of(
          key(
              "vec-sha256-a",
              Algorithm.HMAC_SHA256,
              "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="),
          key(
              "vec.sha256~b_2",
              Algorithm.HMAC_SHA256,
              "PJKhV5662xG4gQs8YYP2p5e9LB4klz+9mz2CjC46N98="),
          key(
              "vec-sha512-a",
              Algorithm.HMAC_SHA512,
              "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw=="));

  private static HmacKey key(String id, Algorithm algorithm, String secret) {
    return HmacKey.builder(id)
        .algorithm(algorithm)
        .secret(Base64.getDecoder().decode(secret))
        .build();
  }

  /** A request decoded from fuzz bytes; header text as ISO-8859-1, as HTTP servers decode it. */
  private record FuzzRequest(
      long now,
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      byte[] body) {

    static FuzzRequest from(byte[] input) {
      List<String> head = new ArrayList<>();
      int at = 0;
      while (head.size() < 4) {
        int nl = indexOf(input, at);
        if (nl < 0) {
          return null;
        }
        head.add(new String(input, at, nl - at, StandardCharsets.ISO_8859_1));
        at = nl + 1;
      }
      long now;
      try {
        now = Long.parseLong(head.get(0));
      } catch (NumberFormatException e) {
        return null;
      }
      if (now < 0 || now > 999_999_999_999L) {
        return null;
      }
      Map<String, List<String>> headers = new LinkedHashMap<>();
      while (true) {
        int nl = indexOf(input, at);
        if (nl < 0) {
          nl = input.length;
        }
        String line = new String(input, at, nl - at, StandardCharsets.ISO_8859_1);
        at = Math.min(nl + 1, input.length);
        if (line.isEmpty()) {
          break;
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
          return null;
        }
        headers
            .computeIfAbsent(line.substring(0, colon), k -> new ArrayList<>())
            .add(line.substring(colon + 1).trim());
      }
      byte[] body = Arrays.copyOfRange(input, at, input.length);
      String query = head.get(3).equals("-") ? null : head.get(3);
      return new FuzzRequest(now, head.get(1), head.get(2), query, headers, body);
    }

    RequestView view() {
      return new MapRequestView(method, rawPath, rawQuery, headers, body, null);
    }

    private static int indexOf(byte[] input, int from) {
      for (int i = from; i < input.length; i++) {
        if (input[i] == '\n') {
          return i;
        }
      }
      return -1;
    }
  }
}
