package dev.hmacsigned.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.KeySource;
import dev.hmacsigned.core.KeyStatus;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The builder checks everything when it builds, and nothing secret leaks. */
class HmacClientFeatureTest {
  private final byte[] secret = TestKeys.randomSecret();
  private final HmacKey key = TestKeys.key("orders-2026-11", secret);

  @Test
  void build_withoutKey_failsSayingWhatToCall() {
    assertThatThrownBy(() -> HmacClientFeature.builder().build())
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("key(HmacKey)");
  }

  @Test
  void build_revokedKey_fails() {
    HmacKey revoked = HmacKey.builder("old").secret(secret).status(KeyStatus.REVOKED).build();

    assertThatThrownBy(() -> HmacClientFeature.builder().key(revoked).build())
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("revoked");
  }

  @Test
  void build_expiredKey_fails() {
    HmacKey expired =
        HmacKey.builder("old")
            .secret(secret)
            .notAfter(Instant.parse("2020-01-01T00:00:00Z"))
            .build();

    assertThatThrownBy(() -> HmacClientFeature.builder().key(expired).build())
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("not-after");
  }

  @Test
  void build_keySourceWithoutActiveKey_fails() {
    assertThatThrownBy(
            () -> HmacClientFeature.builder().keySource(KeySource.of(KeyRing.empty())).build())
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("no active key");
  }

  @Test
  void build_invalidKeyId_fails() {
    assertThatThrownBy(
            () ->
                HmacClientFeature.builder()
                    .keySource(KeySource.of(KeyRing.of(key)))
                    .keyId("no spaces")
                    .build())
        .isInstanceOf(HmacConfigurationException.class);
  }

  @Test
  void build_authorizationCovered_fails() {
    assertThatThrownBy(
            () ->
                HmacClientFeature.builder()
                    .key(key)
                    .coveredHeaders("host", "Authorization")
                    .build())
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("authorization");
  }

  @Test
  void toString_neverShowsTheSecret() {
    HmacClientFeature feature = HmacClientFeature.builder().key(key).learnClockOffset(true).build();

    assertThat(feature.toString())
        .contains("orders-2026-11")
        .doesNotContain(Base64.getEncoder().encodeToString(secret))
        .doesNotContain(HexFormat.of().formatHex(secret));
    assertThat(new HmacClientFeature().toString()).contains("client's properties");
  }

  @Test
  void clockOffset_nothingLearned_isZero() {
    assertThat(HmacClientFeature.builder().key(key).build().clockOffset()).isZero();
    assertThat(new HmacClientFeature().clockOffset()).isZero();
  }
}
