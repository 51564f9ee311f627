package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.internal.Hex;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Style rule 5: no toString carries a secret, a MAC or a canonical string. */
class SecretsNeverLeakTest {

  @Test
  void toString_keySignerAndSignedValues_neverShowSecretOrSignature() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    HmacKey key = HmacKey.builder("k1").secret(secret).build();
    SignedHeaders headers =
        HmacSigner.builder(key)
            .build()
            .sign(
                "POST",
                "/x",
                null,
                Map.of("Host", List.of("h")),
                "body".getBytes(StandardCharsets.UTF_8));
    SignatureParameters params = SignatureParameters.parse(headers.authorization());

    String all =
        key
            + " "
            + KeyRing.of(key)
            + " "
            + headers
            + " "
            + params
            + " "
            + HmacSigner.builder(key).build();
    assertThat(all)
        .doesNotContain(Hex.encode(secret))
        .doesNotContain(Base64.getEncoder().encodeToString(secret))
        .doesNotContain(params.signature())
        .contains("redacted");
  }

  @Test
  void secret_isCopiedIn_soWipingTheCallersArrayChangesNothing() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    HmacKey key = HmacKey.builder("k1").secret(secret).build();
    byte[] before = key.newMac().doFinal(new byte[] {1});
    java.util.Arrays.fill(secret, (byte) 0);
    assertThat(key.newMac().doFinal(new byte[] {1})).isEqualTo(before);
  }
}
