package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The limits of the {@code Authorization} parameters (protocol v1 §2.1), at their boundaries. */
class SignatureParametersSpecTest {
  private static final String SIG = "0123456789abcdef".repeat(4);
  private static final String NONCE = "Zk3x9QwPZ0m1yT7bq2V8sA";

  private static SignatureParameters params(long timestamp) {
    return new SignatureParameters(
        Algorithm.HMAC_SHA256, "k1", timestamp, NONCE, List.of("host"), SIG);
  }

  private static String header(String keyId) {
    return "HMAC-SHA256 keyId=\""
        + keyId
        + "\", timestamp=\"1763900000\", nonce=\""
        + NONCE
        + "\", headers=\"host\", signature=\""
        + SIG
        + "\"";
  }

  @Test
  void new_timestampAtEitherEndOfItsRange_isAccepted() {
    assertThat(params(0).timestamp()).isZero();
    assertThat(params(999_999_999_999L).timestamp()).isEqualTo(999_999_999_999L);
  }

  @Test
  void new_timestampJustOutsideItsRange_isRefused() {
    assertThatThrownBy(() -> params(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> params(1_000_000_000_000L))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void new_shortSignature_namesTheLengthTheAlgorithmNeeds() {
    assertThatThrownBy(
            () ->
                new SignatureParameters(
                    Algorithm.HMAC_SHA256, "k1", 1, NONCE, List.of(), SIG.substring(1)))
        .hasMessage("signature must be 64 lowercase hex digits");
  }

  @Test
  void parse_valueCutAfterTheEqualsSign_isRefusedAsUnquoted() {
    assertThatThrownBy(() -> SignatureParameters.parse("HMAC-SHA256 keyId="))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("double quotes");
  }

  @Test
  void parse_commaAsTheLastCharacter_isRefusedAsATrailingComma() {
    assertThatThrownBy(() -> SignatureParameters.parse("HMAC-SHA256 keyId=\"k1\","))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("end with a comma");
  }

  @Test
  void parse_spaceInsideAValue_isNotAControlCharacter() {
    assertThatThrownBy(() -> SignatureParameters.parse(header("k 1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("keyId must be");
  }

  @Test
  void parse_headerOfExactly8KiB_isNotRefusedForItsSize() {
    String base = header("k1");
    String value = base + " ".repeat(SignatureParameters.MAX_HEADER_BYTES - base.length());
    assertThat(SignatureParameters.parse(value).keyId()).isEqualTo("k1");
    assertThatThrownBy(() -> SignatureParameters.parse(value + " "))
        .hasMessageContaining("larger than 8 KiB");
  }

  @Test
  void toString_anyParameters_namesThemAndRedactsTheSignature() {
    assertThat(params(5).toString())
        .isEqualTo(
            "SignatureParameters[algorithm=HMAC-SHA256, keyId=k1, timestamp=5, nonce="
                + NONCE
                + ", headers=host, signature=(redacted)]");
  }
}
