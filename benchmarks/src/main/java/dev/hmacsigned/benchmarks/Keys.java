package dev.hmacsigned.benchmarks;

import java.security.SecureRandom;

/** The one key of the benchmarks: a fixed id and a random secret of 32 bytes per trial. */
final class Keys {
  static final String KEY_ID = "bench-2026-11";

  private Keys() {}

  static byte[] secret() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return secret;
  }
}
