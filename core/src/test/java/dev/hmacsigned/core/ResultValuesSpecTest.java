package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.VerificationResult.Rejected;
import dev.hmacsigned.core.VerificationResult.Verified;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a verdict, a code, an algorithm and a ring tell their reader. */
class ResultValuesSpecTest {
  private static final Instant NOW = Instant.ofEpochSecond(1_763_900_000L);

  private static HmacKey key(String id) {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return HmacKey.builder(id).secret(secret).algorithm(Algorithm.HMAC_SHA256).build();
  }

  private static VerificationResult verify(HmacKey signingKey, HmacKey verifyingKey) {
    HmacSigner signer =
        HmacSigner.builder(signingKey).clock(InstantSource.fixed(NOW)).coveredHeaders().build();
    Map<String, List<String>> headers = new java.util.HashMap<>();
    SignedHeaders signed = signer.sign("GET", "/a", null, headers, null);
    headers.put("Authorization", List.of(signed.authorization()));
    return HmacVerifier.builder()
        .keys(KeyRing.of(verifyingKey))
        .clock(InstantSource.fixed(NOW))
        .withoutReplayProtection()
        .listener(new VerificationListener() {})
        .build()
        .verify(new MapRequestView("GET", "/a", null, headers, new byte[0], null));
  }

  @Test
  void verified_signedRequest_tellsItsAlgorithmTimestampNonceAndPrincipal() {
    HmacKey key = key("k1");
    try (VerificationResult result = verify(key, key)) {
      Verified verified = (Verified) result;
      assertThat(verified.algorithm()).isEqualTo(Algorithm.HMAC_SHA256);
      assertThat(verified.timestamp()).isEqualTo(NOW);
      assertThat(verified.nonce()).matches("[A-Za-z0-9_-]{16,128}");
      assertThat(verified.userPrincipal().getName()).isEqualTo("k1");
      assertThat(verified.toString()).contains("k1");
    }
  }

  @Test
  void rejected_sameVerdictTwice_isEqualAndNamesItsKey() {
    HmacKey signing = key("k1");
    Rejected a = (Rejected) verify(signing, key("k1"));
    Rejected b = (Rejected) verify(signing, key("k1"));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo("x");
    assertThat(a.hashCode()).isNotZero();
    assertThat(a.keyId()).contains("k1");
    assertThat(a.toString()).contains(a.reason().name());
    Rejected other = (Rejected) verify(signing, key("k2"));
    assertThat(a).isNotEqualTo(other);
  }

  @Test
  void fromCode_everyCodesWireForm_findsItAndUnknownFindsNothing() {
    for (RejectionCode code : RejectionCode.values()) {
      assertThat(RejectionCode.fromCode(code.code())).contains(code);
      assertThat(code.advice()).isNotBlank();
    }
    assertThat(RejectionCode.fromCode("no_such_code")).isEmpty();
    assertThat(RejectionCode.fromCode(null)).isEmpty();
  }

  @Test
  void algorithm_contentDigestKeyAndDigest_matchTheHash() throws Exception {
    for (Algorithm algorithm : Algorithm.values()) {
      assertThat(Algorithm.fromContentDigestKey(algorithm.contentDigestKey())).contains(algorithm);
      MessageDigest digest = MessageDigest.getInstance(algorithm.digestAlgorithm());
      assertThat(algorithm.emptyBodyDigest())
          .isEqualTo(digest.digest("".getBytes(StandardCharsets.UTF_8)));
    }
    assertThat(Algorithm.fromContentDigestKey("md5")).isEmpty();
  }

  @Test
  void keyRing_twoKeys_hasSizeTwoAndNamesThemWithoutSecrets() {
    KeyRing ring = KeyRing.of(key("a1"), key("b2"));
    assertThat(ring.size()).isEqualTo(2);
    assertThat(ring.toString()).contains("a1").contains("b2");
  }
}
