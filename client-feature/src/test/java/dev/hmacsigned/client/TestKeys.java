package dev.hmacsigned.client;

import dev.hmacsigned.core.HmacKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Random keys for the tests: never a hard-coded secret. */
final class TestKeys {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern HEADERS_PARAMETER = Pattern.compile("headers=\"([^\"]*)\"");
  private static final Pattern KEY_ID_PARAMETER = Pattern.compile("keyId=\"([^\"]*)\"");

  private TestKeys() {}

  static byte[] randomSecret() {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return secret;
  }

  static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  static HmacKey key(String id, byte[] secret) {
    return HmacKey.builder(id).secret(secret).principal(id + "-service").build();
  }

  static HmacKey randomKey(String id) {
    return key(id, randomSecret());
  }

  /** One key's lines of a keys file. */
  static String keysFileEntry(String id, byte[] secret, String status) {
    return id
        + ".secret=base64:"
        + Base64.getEncoder().encodeToString(secret)
        + "\n"
        + id
        + ".principal="
        + id
        + "-service\n"
        + id
        + ".status="
        + status
        + "\n";
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The {@code headers} parameter of an Authorization header. */
  static String coveredHeaders(String authorization) {
    Matcher m = HEADERS_PARAMETER.matcher(authorization);
    return m.find() ? m.group(1) : null;
  }

  /** The {@code keyId} parameter of an Authorization header. */
  static String keyId(String authorization) {
    Matcher m = KEY_ID_PARAMETER.matcher(authorization);
    return m.find() ? m.group(1) : null;
  }
}
