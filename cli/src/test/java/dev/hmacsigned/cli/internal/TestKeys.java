package dev.hmacsigned.cli.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/** Keys files with fresh random secrets: never a hard-coded one. */
final class TestKeys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestKeys() {}

  static String secretBase64() {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return Base64.getEncoder().encodeToString(secret);
  }

  /** A keys file of one key, principal {@code <id>-client}; returns its secret. */
  static String write(Path file, String id) throws IOException {
    String secret = secretBase64();
    Files.writeString(
        file,
        id + ".secret=base64:" + secret + "\n" + id + ".principal=" + id + "-client\n",
        StandardCharsets.UTF_8);
    return secret;
  }
}
