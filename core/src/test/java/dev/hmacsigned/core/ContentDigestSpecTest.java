package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The value semantics of a {@link ContentDigest}. */
class ContentDigestSpecTest {
  private static byte[] bytes(int length, int fill) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) fill);
    return b;
  }

  @Test
  void equals_sameAlgorithmAndBytes_isEqualWithTheSameHash() {
    ContentDigest a = ContentDigest.of(Algorithm.HMAC_SHA256, bytes(32, 1));
    ContentDigest b = ContentDigest.of(Algorithm.HMAC_SHA256, bytes(32, 1));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.hashCode()).isNotZero();
  }

  @Test
  void equals_otherBytesOrAlgorithmOrType_isNotEqual() {
    ContentDigest a = ContentDigest.of(Algorithm.HMAC_SHA256, bytes(32, 1));
    assertThat(a).isNotEqualTo(ContentDigest.of(Algorithm.HMAC_SHA256, bytes(32, 2)));
    assertThat(a).isNotEqualTo(ContentDigest.of(Algorithm.HMAC_SHA512, bytes(64, 1)));
    assertThat(a).isNotEqualTo("sha-256");
    assertThat(a.hashCode())
        .isNotEqualTo(ContentDigest.of(Algorithm.HMAC_SHA256, bytes(32, 2)).hashCode());
  }

  @Test
  void toString_anyDigest_isItsHeaderValue() {
    ContentDigest a = ContentDigest.of(Algorithm.HMAC_SHA512, bytes(64, 0));
    assertThat(a.toString()).isEqualTo(a.toHeaderValue()).startsWith("sha-512=:AAAA").endsWith(":");
    assertThat(a.algorithm()).isEqualTo(Algorithm.HMAC_SHA512);
  }
}
