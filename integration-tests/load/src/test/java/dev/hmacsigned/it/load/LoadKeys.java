package dev.hmacsigned.it.load;

import dev.hmacsigned.core.HmacKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The two keys of the load test, made for this run: {@code load-a}, in the keys file from start to
 * end, and {@code load-b}, which rewrites of the file take out and put back. The file is rewritten
 * as the README tells users to: a new file next to it, then renamed over it.
 */
final class LoadKeys {
  static final String A = "load-a";
  static final String B = "load-b";

  private final byte[] secretA = random();
  private final byte[] secretB = random();

  HmacKey a() {
    return HmacKey.builder(A).secret(secretA.clone()).build();
  }

  HmacKey b() {
    return HmacKey.builder(B).secret(secretB.clone()).build();
  }

  /**
   * Writes the keys file atomically: A always, B when asked, and a comment that makes every
   * generation's content differ from the one before.
   *
   * @param file the keys file
   * @param withB whether B is in the file
   * @param generation a number written in the comment
   */
  void write(Path file, boolean withB, int generation) throws IOException {
    StringBuilder text = new StringBuilder();
    text.append("# load test, generation ").append(generation).append('\n');
    text.append(A).append(".secret=base64:").append(encode(secretA)).append('\n');
    text.append(A).append(".principal=load-client\n");
    if (withB) {
      text.append(B).append(".secret=base64:").append(encode(secretB)).append('\n');
    }
    Path next = file.resolveSibling("." + file.getFileName() + ".new");
    Files.writeString(next, text, StandardCharsets.UTF_8);
    Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static byte[] random() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return secret;
  }

  private static String encode(byte[] secret) {
    return Base64.getEncoder().encodeToString(secret);
  }
}
