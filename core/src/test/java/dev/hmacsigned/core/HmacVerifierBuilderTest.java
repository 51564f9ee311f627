package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The verifier's settings at the edges of their ranges, and what it says about itself. */
class HmacVerifierBuilderTest {
  private static final byte[] SECRET = new byte[32];
  private static final HmacKey KEY;

  static {
    new SecureRandom().nextBytes(SECRET);
    KEY = HmacKey.builder("builder-test").secret(SECRET.clone()).build();
  }

  private static HmacVerifier.Builder builder() {
    return HmacVerifier.builder().keys(KeyRing.of(KEY));
  }

  @Test
  void build_clockSkewFromZeroToFifteenMinutes_isAcceptedAndOutsideIsNot() {
    assertThat(builder().clockSkew(Duration.ZERO).build().clockSkew()).isZero();
    assertThat(builder().clockSkew(Duration.ofMinutes(15)).build().clockSkew())
        .isEqualTo(Duration.ofMinutes(15));
    assertThatThrownBy(() -> builder().clockSkew(Duration.ofMinutes(15).plusSeconds(1)).build())
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("901 s");
    assertThatThrownBy(() -> builder().clockSkew(Duration.ofSeconds(-1)).build())
        .isInstanceOf(HmacConfigurationException.class);
  }

  @Test
  void build_maxBodyBytesFromZeroToTwoToThe63MinusTwo_isAcceptedAndOutsideIsNot() {
    assertThat(builder().maxBodyBytes(0).build().maxBodyBytes()).isZero();
    assertThat(builder().maxBodyBytes(Long.MAX_VALUE - 1).build().maxBodyBytes())
        .isEqualTo(Long.MAX_VALUE - 1);
    assertThatThrownBy(() -> builder().maxBodyBytes(Long.MAX_VALUE).build())
        .isInstanceOf(HmacConfigurationException.class);
    assertThatThrownBy(() -> builder().maxBodyBytes(-1).build())
        .isInstanceOf(HmacConfigurationException.class);
  }

  @Test
  void build_memoryThresholdZero_isAcceptedAndNegativeIsNot() {
    assertThat(builder().memoryThreshold(0).build()).isNotNull();
    assertThatThrownBy(() -> builder().memoryThreshold(-1).build())
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("memoryThreshold");
  }

  /** A realm is sent in {@code WWW-Authenticate} as a quoted string. */
  @ParameterizedTest
  @ValueSource(
      strings = {"orders \"eu\"", "a\\b", "tab\there", "bell\u0007", "del\u007f", "Zo\u00eb"})
  void build_realmThatCannotBeAQuotedString_isRefused(String realm) {
    assertThatThrownBy(() -> builder().realm(realm).build())
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("realm");
  }

  @Test
  void build_realmOfPrintableAsciiFromSpaceToTilde_isKept() {
    String realm = " orders ~!#$%&'()*+,-./0-9:;<=>?@A-Z[]^_`a-z{|}~";
    assertThat(builder().realm(realm).build().realm()).isEqualTo(realm);
  }

  @Test
  void toString_namesTheSettingsAndNoSecret() {
    HmacVerifier verifier =
        builder().clockSkew(Duration.ofSeconds(42)).maxBodyBytes(1234).realm("orders").build();
    assertThat(verifier.toString())
        .contains("clockSkew=42s", "maxBodyBytes=1234", "realm=orders")
        .doesNotContain(java.util.HexFormat.of().formatHex(SECRET))
        .doesNotContain(java.util.Base64.getEncoder().encodeToString(SECRET));
  }
}
