package dev.hmacsigned.core.internal;

import dev.hmacsigned.core.Algorithm;
import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.KeyStatus;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses the keys file of protocol v1 §7.1: a Java properties file in UTF-8, restricted to a subset
 * that every implementation reads the same way.
 *
 * <pre>
 * # rotation of November 2026
 * orders-2026-11.secret=base64:q8N0...
 * orders-2026-11.algorithm=HMAC-SHA256
 * orders-2026-11.principal=orders-service
 * orders-2026-11.roles=orders.read, orders.write
 * orders-2026-11.status=active
 * orders-2026-11.not-after=2027-06-01T00:00:00Z
 * </pre>
 *
 * <p>A line whose first non-blank character is {@code #} or {@code !} is a comment; a {@code #}
 * anywhere else belongs to the value ({@code principal=team #1} is the principal {@code team #1}).
 * Every other line is {@code <key-id>.<attribute>=<value>}, the name and the value trimmed of
 * blanks (space, tab, form feed). A key id may contain dots: the attribute is what follows the last
 * dot. Backslash escapes and continued lines are not supported, each name appears once, roles are
 * separated by commas and trimmed, and {@code not-after} is a UTC instant such as {@code
 * 2027-06-01T00:00:00Z}. Anything else (an unknown attribute, a missing or weak secret, a bad
 * value) makes the whole file invalid.
 *
 * <p>Security: error messages name the line number, the key id and the attribute, never the content
 * of a line or a value, so a secret pasted on the wrong line does not reach a log.
 */
public final class KeysFile {
  private static final List<String> ATTRIBUTES =
      List.of("secret", "algorithm", "principal", "roles", "status", "not-after");
  private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
  private static final Pattern STANDARD_BASE64 =
      Pattern.compile("(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");
  private static final Pattern NOT_AFTER =
      Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z");
  private static final String SECRET_PREFIX = "base64:";

  private KeysFile() {}

  /**
   * Parses the bytes of a keys file.
   *
   * @param content the file's bytes, UTF-8 (a leading byte order mark is ignored)
   * @return the ring, its keys in the order of their first line; empty if the file has no keys
   * @throws HmacConfigurationException if the file is not valid; the message names the line and
   *     what is wrong with it, never its content, for example {@code "line 7 gives the status of
   *     key 'orders' not as active or revoked."}
   */
  public static KeyRing parse(byte[] content) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
    } catch (CharacterCodingException e) {
      throw new HmacConfigurationException("the file is not valid UTF-8: save it as UTF-8.");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    Map<String, Entries> byId = new LinkedHashMap<>();
    String[] lines = LINE_BREAK.split(text, -1);
    for (int i = 0; i < lines.length; i++) {
      readLine(i + 1, lines[i], byId);
    }
    List<HmacKey> keys = byId.values().stream().map(KeysFile::toKey).toList();
    return KeyRing.of(keys);
  }

  /** The attributes of one key id, with the line each came from. */
  private static final class Entries {
    final String id;
    final int firstLine;
    final Map<String, String> values = new LinkedHashMap<>();
    final Map<String, Integer> lines = new LinkedHashMap<>();

    Entries(String id, int firstLine) {
      this.id = id;
      this.firstLine = firstLine;
    }
  }

  private static void readLine(int number, String line, Map<String, Entries> byId) {
    String content = trimBlanks(line);
    if (content.isEmpty() || content.charAt(0) == '#' || content.charAt(0) == '!') {
      return;
    }
    if (content.indexOf('\\') >= 0) {
      throw lineError(
          number,
          "has a backslash; escapes and continued lines are not supported in a keys file: write"
              + " each entry on one line, its characters as they are, in UTF-8");
    }
    int equals = content.indexOf('=');
    if (equals < 0) {
      throw lineError(
          number, "has no '='; every line that is not a comment is <key-id>.<attribute>=<value>");
    }
    String name = trimBlanks(content.substring(0, equals));
    String value = trimBlanks(content.substring(equals + 1));
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      throw lineError(
          number, "does not start with <key-id>.<attribute>=, the attribute after the last dot");
    }
    String id = name.substring(0, dot);
    String attribute = name.substring(dot + 1);
    if (!HmacKey.isValidId(id)) {
      throw lineError(
          number,
          "does not start with a valid key id (1 to 128 characters of [A-Za-z0-9._~-]) followed"
              + " by .<attribute>=");
    }
    if (!ATTRIBUTES.contains(attribute)) {
      throw lineError(
          number, "names an unknown attribute; the attributes are " + ATTRIBUTES + " (lowercase)");
    }
    Entries entries = byId.computeIfAbsent(id, k -> new Entries(k, number));
    Integer earlier = entries.lines.putIfAbsent(attribute, number);
    if (earlier != null) {
      throw lineError(
          number,
          "sets the " + attribute + " of key '" + id + "' again (first on line " + earlier + ")");
    }
    checkValue(number, id, attribute, value);
    entries.values.put(attribute, value);
  }

  /** Checks what can be checked on the line alone; the secret's length needs the algorithm. */
  private static void checkValue(int number, String id, String attribute, String value) {
    String what = "the " + attribute + " of key '" + id + "'";
    switch (attribute) {
      case "secret" -> {
        if (!value.startsWith(SECRET_PREFIX)
            || !STANDARD_BASE64.matcher(value.substring(SECRET_PREFIX.length())).matches()) {
          throw lineError(
              number,
              "gives "
                  + what
                  + " in another form than base64:<the raw secret bytes in standard base64, with"
                  + " padding>");
        }
      }
      case "algorithm" -> {
        if (algorithm(value) == null) {
          throw lineError(number, "gives " + what + " not as HMAC-SHA256 or HMAC-SHA512");
        }
      }
      case "status" -> {
        if (!value.equals("active") && !value.equals("revoked")) {
          throw lineError(number, "gives " + what + " not as active or revoked");
        }
      }
      case "not-after" -> {
        if (!value.isEmpty() && parseNotAfter(value) == null) {
          throw lineError(
              number,
              "gives "
                  + what
                  + " not as a UTC instant YYYY-MM-DDThh:mm:ssZ, such as 2027-06-01T00:00:00Z");
        }
      }
      case "principal" -> checkText(number, what, value);
      case "roles" -> {
        if (!value.isEmpty()) {
          for (String role : value.split(",", -1)) {
            checkText(number, "a role of key '" + id + "'", trimBlanks(role));
          }
        }
      }
      default -> throw new IllegalStateException("unlisted attribute " + attribute);
    }
  }

  /** A principal or a role: not empty, no control character, no space of any kind at its ends. */
  private static void checkText(int number, String what, String text) {
    if (text.isEmpty()) {
      throw lineError(number, "gives " + what + " empty");
    }
    for (int i = 0; i < text.length(); i++) {
      if (isControl(text.charAt(i))) {
        throw lineError(
            number, "gives " + what + " with a control character (U+0000-U+001F, U+007F-U+009F)");
      }
    }
    if (isWhiteSpace(text.charAt(0)) || isWhiteSpace(text.charAt(text.length() - 1))) {
      throw lineError(
          number,
          "gives "
              + what
              + " that starts or ends with a space character other than a plain space (such as"
              + " U+00A0 or U+3000)");
    }
  }

  // NullAway cannot see that checkValue() already refused every algorithm and not-after value that
  // does not parse, and that a secret always has its line number: the nulls below cannot happen.
  @SuppressWarnings("NullAway")
  private static HmacKey toKey(Entries entries) {
    String id = entries.id;
    Map<String, String> values = entries.values;
    String secret = values.get("secret");
    if (secret == null) {
      throw new HmacConfigurationException(
          "key '"
              + id
              + "' (line "
              + entries.firstLine
              + ") has no secret: add a line "
              + id
              + ".secret=base64:<the raw secret bytes in base64>.");
    }
    Algorithm algorithm = algorithm(values.getOrDefault("algorithm", "HMAC-SHA256"));
    byte[] bytes = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    if (bytes.length < algorithm.minimumSecretBytes()) {
      int minimum = algorithm.minimumSecretBytes();
      throw lineError(
          entries.lines.get("secret"),
          "gives key '"
              + id
              + "' a secret of "
              + bytes.length
              + " bytes; "
              + algorithm.scheme()
              + " needs at least "
              + minimum
              + " random bytes. Generate one with: head -c "
              + minimum
              + " /dev/urandom | base64 | tr -d '\\n'");
    }
    HmacKey.Builder builder = HmacKey.builder(id).algorithm(algorithm).secret(bytes);
    java.util.Arrays.fill(bytes, (byte) 0);
    if ("revoked".equals(values.get("status"))) {
      builder.status(KeyStatus.REVOKED);
    }
    String notAfter = values.get("not-after");
    if (notAfter != null && !notAfter.isEmpty()) {
      builder.notAfter(parseNotAfter(notAfter).toInstant(ZoneOffset.UTC));
    }
    String principal = values.get("principal");
    if (principal != null) {
      builder.principal(principal);
    }
    String roles = values.get("roles");
    if (roles != null && !roles.isEmpty()) {
      Set<String> names = new LinkedHashSet<>();
      for (String role : roles.split(",", -1)) {
        names.add(trimBlanks(role));
      }
      builder.roles(names);
    }
    return builder.build();
  }

  /** The algorithm named exactly as in the Authorization header, or null. */
  private static @Nullable Algorithm algorithm(String value) {
    return switch (value) {
      case "HMAC-SHA256" -> Algorithm.HMAC_SHA256;
      case "HMAC-SHA512" -> Algorithm.HMAC_SHA512;
      default -> null;
    };
  }

  /** {@code YYYY-MM-DDThh:mm:ssZ}, a real date and time of the years 0001 to 9999, or null. */
  private static @Nullable LocalDateTime parseNotAfter(String value) {
    Matcher m = NOT_AFTER.matcher(value);
    if (!m.matches()) {
      return null;
    }
    int year = Integer.parseInt(m.group(1));
    if (year < 1) {
      return null;
    }
    try {
      return LocalDateTime.of(
          year,
          Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)),
          Integer.parseInt(m.group(4)),
          Integer.parseInt(m.group(5)),
          Integer.parseInt(m.group(6)));
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** Space, tab and form feed at both ends: the blanks of a Java properties file. */
  private static String trimBlanks(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isBlank(text.charAt(start))) {
      start++;
    }
    while (end > start && isBlank(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\f';
  }

  private static boolean isControl(char c) {
    return c <= 0x1F || (c >= 0x7F && c <= 0x9F);
  }

  /** The Unicode White_Space property, spelled out so that every implementation uses the same. */
  private static boolean isWhiteSpace(char c) {
    return (c >= 0x09 && c <= 0x0D)
        || c == 0x20
        || c == 0x85
        || c == 0xA0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202F
        || c == 0x205F
        || c == 0x3000;
  }

  private static HmacConfigurationException lineError(int number, String what) {
    return new HmacConfigurationException("line " + number + " " + what + ".");
  }
}
