package dev.hmacsigned.servlet;

import dev.hmacsigned.core.Algorithm;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import java.security.SecureRandom;
import java.util.Base64;

/** Random keys for tests: no secret is ever written in the source. */
final class TestKeys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestKeys() {}

  static byte[] secret(Algorithm algorithm) {
    byte[] secret = new byte[algorithm.minimumSecretBytes()];
    RANDOM.nextBytes(secret);
    return secret;
  }

  static HmacKey.Builder key(String id, Algorithm algorithm) {
    return HmacKey.builder(id).secret(secret(algorithm)).algorithm(algorithm);
  }

  static HmacKey key(String id) {
    return key(id, Algorithm.HMAC_SHA256).build();
  }

  static HmacSigner signer(HmacKey key) {
    return HmacSigner.builder(key).build();
  }

  static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
