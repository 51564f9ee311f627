package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link RequestView#claimsSignature()}: what an adapter that lets unsigned requests pass (the
 * Jakarta Security mechanism, for unprotected resources) takes for a claim to verify.
 */
class ClaimsSignatureTest {
  private static TestRequest get() {
    return new TestRequest("GET", "/a", null, new byte[0]);
  }

  @Test
  void noAuthorization_claimsNothing() {
    assertThat(get().claimsSignature()).isFalse();
  }

  @Test
  void otherSchemes_claimNothing() {
    assertThat(get().header("Authorization", "Basic dXNlcjpwdw==").claimsSignature()).isFalse();
    assertThat(get().header("Authorization", "Bearer HMAC-SHA256").claimsSignature()).isFalse();
    assertThat(get().header("Authorization", "HMAC").claimsSignature()).isFalse();
    assertThat(get().header("X-Authorization", "HMAC-SHA256 keyId=\"k\"").claimsSignature())
        .isFalse();
  }

  @Test
  void anHmacScheme_isAClaim_validOrNot() {
    assertThat(get().header("Authorization", "HMAC-SHA256 keyId=\"k\"").claimsSignature()).isTrue();
    // an unknown algorithm and a malformed header are claims too: the verifier rejects them
    assertThat(get().header("Authorization", "hmac-md5 nonsense").claimsSignature()).isTrue();
    assertThat(get().header("Authorization", "  HMAC-").claimsSignature()).isTrue();
  }

  @Test
  void anyLine_counts_soThatTwoAuthorizationsAreVerifiedAndRefused() {
    TestRequest twoLines =
        get()
            .header("Authorization", "Basic dXNlcjpwdw==")
            .header("Authorization", "HMAC-SHA512 x");
    assertThat(twoLines.claimsSignature()).isTrue();
  }
}
