package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** A key's builder and what it shows of itself. */
class HmacKeyTest {
  private static byte[] secret() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return secret;
  }

  @Test
  void builder_invalidId_isRefusedNamingItsLengthOnly() {
    assertThatThrownBy(() -> HmacKey.builder("k".repeat(129)))
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("got an id of 129 characters.");
    assertThatThrownBy(() -> HmacKey.builder("orders key"))
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("got an id of 10 characters.")
        .hasMessageNotContaining("orders key");
  }

  @Test
  void builder_everySetterChained_givesTheKeyOfThoseValues() {
    HmacKey key =
        HmacKey.builder("orders-1")
            .principal("orders-service")
            .roles("orders.read")
            .status(KeyStatus.REVOKED)
            .notAfter(Instant.parse("2027-06-01T00:00:00Z"))
            .algorithm(Algorithm.HMAC_SHA256)
            .secret(secret())
            .build();
    assertThat(key.principal()).isEqualTo("orders-service");
    assertThat(key.roles()).containsExactly("orders.read");
    assertThat(key.status()).isEqualTo(KeyStatus.REVOKED);
    assertThat(key.notAfter()).contains(Instant.parse("2027-06-01T00:00:00Z"));
  }

  @Test
  void toString_namesEverythingButTheSecretAndNotAfterOnlyWhenSet() {
    byte[] secret = secret();
    HmacKey open =
        HmacKey.builder("k1").principal("svc").roles("r1").secret(secret.clone()).build();
    assertThat(open.toString())
        .isEqualTo(
            "HmacKey[id=k1, algorithm=HMAC-SHA256, status=ACTIVE, principal=svc, roles=[r1],"
                + " secret=(redacted)]")
        .doesNotContain(Base64.getEncoder().encodeToString(secret))
        .doesNotContain(HexFormat.of().formatHex(secret));

    HmacKey expiring =
        HmacKey.builder("k2")
            .notAfter(Instant.parse("2027-06-01T00:00:00Z"))
            .secret(secret.clone())
            .build();
    assertThat(expiring.toString())
        .contains(", status=ACTIVE, notAfter=2027-06-01T00:00:00Z, principal=k2,")
        .endsWith(", secret=(redacted)]");
  }

  /**
   * The builder's own copy of the secret is zeroed once the key is built and then dropped. Nothing
   * in the API shows that copy; this test looks at the builder's field, as a heap dump would.
   */
  @Test
  void build_zeroesTheBuildersCopyOfTheSecretAndLeavesTheCallersArray() throws Exception {
    byte[] secret = new byte[32];
    java.util.Arrays.fill(secret, (byte) 7);
    HmacKey.Builder builder = HmacKey.builder("k").secret(secret);
    java.lang.reflect.Field field = HmacKey.Builder.class.getDeclaredField("secret");
    field.setAccessible(true);
    byte[] copy = (byte[]) field.get(builder);
    assertThat(copy).isNotSameAs(secret).containsOnly(7);

    HmacKey key = builder.build();
    assertThat(copy).containsOnly(0);
    assertThat(field.get(builder)).isNull();
    assertThat(secret).containsOnly(7);
    assertThat(key.newMac().doFinal(new byte[0]))
        .isEqualTo(HmacKey.builder("k").secret(secret).build().newMac().doFinal(new byte[0]));
  }
}
