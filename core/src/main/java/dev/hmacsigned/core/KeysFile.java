package dev.hmacsigned.core;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses the keys file of protocol v1 §5: Java properties in UTF-8, one group of entries per key
 * id.
 *
 * <pre>
 * orders-2026-11.secret=base64:q8N0...
 * orders-2026-11.algorithm=HMAC-SHA256
 * orders-2026-11.principal=orders-service
 * orders-2026-11.roles=orders.read,orders.write
 * orders-2026-11.status=active
 * orders-2026-11.not-after=2027-06-01T00:00:00Z
 * </pre>
 *
 * <p>A key id may contain dots: the attribute is what follows the last dot. A value may end with a
 * comment that starts with whitespace and {@code #}. Unknown attributes, a missing secret, a weak
 * secret or a bad value make the whole file invalid.
 *
 * <p>Security: error messages name the key and the attribute, never a value.
 */
public final class KeysFile {
  private static final Set<String> ATTRIBUTES =
      Set.of("secret", "algorithm", "principal", "roles", "status", "not-after");

  private KeysFile() {}

  /**
   * Parses the bytes of a keys file.
   *
   * @param content the file's bytes, UTF-8
   * @return the ring
   * @throws HmacConfigurationException if the file is not valid; the message says where
   */
  public static KeyRing parse(byte[] content) {
    Properties properties = new Properties();
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
      properties.load(new StringReader(text));
    } catch (CharacterCodingException e) {
      throw new HmacConfigurationException("The keys file is not valid UTF-8.");
    } catch (IOException | IllegalArgumentException e) {
      throw new HmacConfigurationException("The keys file is not a valid properties file.");
    }
    Map<String, Map<String, String>> byKey = new LinkedHashMap<>();
    for (String name : new TreeSet<>(properties.stringPropertyNames())) {
      int dot = name.lastIndexOf('.');
      String attribute = dot < 0 ? "" : name.substring(dot + 1);
      if (dot <= 0 || !ATTRIBUTES.contains(attribute)) {
        throw new HmacConfigurationException(
            "Keys file entry '"
                + name
                + "' is not <key-id>.<attribute> with an attribute among "
                + new TreeSet<>(ATTRIBUTES)
                + ".");
      }
      String value = stripComment(properties.getProperty(name));
      byKey
          .computeIfAbsent(name.substring(0, dot), id -> new LinkedHashMap<>())
          .put(attribute, value);
    }
    List<HmacKey> keys = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> entry : byKey.entrySet()) {
      keys.add(toKey(entry.getKey(), entry.getValue()));
    }
    return KeyRing.of(keys);
  }

  private static HmacKey toKey(String id, Map<String, String> attributes) {
    if (!HmacKey.isValidId(id)) {
      throw new HmacConfigurationException(
          "Keys file: key id '" + id + "' is not 1 to 128 characters of [A-Za-z0-9._~-].");
    }
    HmacKey.Builder builder = HmacKey.builder(id);
    String secret = attributes.get("secret");
    if (secret == null || secret.isEmpty()) {
      throw new HmacConfigurationException("Keys file: key '" + id + "' has no secret.");
    }
    if (!secret.startsWith("base64:")) {
      throw new HmacConfigurationException(
          "Keys file: the secret of key '"
              + id
              + "' must be written as base64:<raw bytes in base64>.");
    }
    try {
      builder.secret(Base64.getDecoder().decode(secret.substring("base64:".length())));
    } catch (IllegalArgumentException e) {
      throw new HmacConfigurationException(
          "Keys file: the secret of key '" + id + "' is not valid base64.");
    }
    String algorithm = attributes.get("algorithm");
    if (algorithm != null) {
      builder.algorithm(
          Algorithm.fromScheme(algorithm)
              .orElseThrow(
                  () ->
                      new HmacConfigurationException(
                          "Keys file: key '"
                              + id
                              + "' has an unknown algorithm; use HMAC-SHA256 or HMAC-SHA512.")));
    }
    String status = attributes.get("status");
    if (status != null) {
      switch (status) {
        case "active" -> builder.status(KeyStatus.ACTIVE);
        case "revoked" -> builder.status(KeyStatus.REVOKED);
        default ->
            throw new HmacConfigurationException(
                "Keys file: key '" + id + "' has a status other than active or revoked.");
      }
    }
    String notAfter = attributes.get("not-after");
    if (notAfter != null && !notAfter.isEmpty()) {
      try {
        builder.notAfter(Instant.parse(notAfter));
      } catch (DateTimeParseException e) {
        throw new HmacConfigurationException(
            "Keys file: key '"
                + id
                + "' has a not-after that is not an ISO-8601 instant such as 2027-06-01T00:00:00Z.");
      }
    }
    String principal = attributes.get("principal");
    if (principal != null) {
      builder.principal(principal);
    }
    String roles = attributes.get("roles");
    if (roles != null && !roles.isBlank()) {
      for (String role : roles.split(",")) {
        builder.roles(role.strip());
      }
    }
    return builder.build();
  }

  private static String stripComment(String value) {
    for (int i = 1; i < value.length(); i++) {
      char c = value.charAt(i);
      char before = value.charAt(i - 1);
      if (c == '#' && (before == ' ' || before == '\t')) {
        return value.substring(0, i).strip();
      }
    }
    return value.strip();
  }
}
