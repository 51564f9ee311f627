package dev.hmacsigned.core;

import dev.hmacsigned.core.internal.Hex;
import dev.hmacsigned.core.internal.HttpText;
import dev.hmacsigned.core.internal.Utf8Builder;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of an {@code Authorization: HMAC-SHA256 …} header (protocol v1 §2.1), parsed with
 * every rule enforced, or about to be formatted.
 *
 * <pre>{@code
 * SignatureParameters p = SignatureParameters.parse(
 *     "HMAC-SHA256 keyId=\"k1\", timestamp=\"1763900000\", nonce=\"Zk3x9QwPZ0m1yT7bq2V8sA\","
 *         + " headers=\"host\", signature=\"…64 hex…\"");
 * }</pre>
 *
 * <p>Security: {@link #toString()} leaves out the signature. Parse errors never quote the header.
 *
 * @param algorithm the scheme
 * @param keyId the key id
 * @param timestamp Unix seconds
 * @param nonce the nonce
 * @param coveredHeaders lowercase header names, in signing order
 * @param signature lowercase hex MAC
 */
record SignatureParameters(
    Algorithm algorithm,
    String keyId,
    long timestamp,
    String nonce,
    List<String> coveredHeaders,
    String signature) {

  /** The largest {@code Authorization} value accepted, in UTF-8 bytes. */
  public static final int MAX_HEADER_BYTES = 8192;

  /** The largest timestamp: 12 decimal digits. */
  static final long MAX_TIMESTAMP = 999_999_999_999L;

  /** The five parameters, each at the index of its constant below. */
  private static final List<String> PARAMETER_NAMES =
      List.of("keyId", "timestamp", "nonce", "headers", "signature");

  private static final int KEY_ID = 0;
  private static final int TIMESTAMP = 1;
  private static final int NONCE = 2;
  private static final int HEADERS = 3;
  private static final int SIGNATURE = 4;

  /** The characters of a covered header name besides {@code a-z} and {@code 0-9}. */
  private static final String HEADER_NAME_SYMBOLS = "!#$%&'*+.^_`|~-";

  /**
   * Checks every value.
   *
   * @throws IllegalArgumentException if a value breaks a rule of §2.1
   */
  public SignatureParameters {
    Objects.requireNonNull(algorithm, "algorithm");
    if (!HmacKey.isValidId(keyId)) {
      throw new IllegalArgumentException("keyId must be 1-128 characters of [A-Za-z0-9._~-]");
    }
    if (timestamp < 0 || timestamp > MAX_TIMESTAMP) {
      throw new IllegalArgumentException("timestamp must be 0 to 12 decimal digits");
    }
    if (!isValidNonce(nonce)) {
      throw new IllegalArgumentException("nonce must be 16-128 characters of [A-Za-z0-9_-]");
    }
    coveredHeaders = List.copyOf(coveredHeaders);
    checkCoveredHeaders(coveredHeaders);
    if (signature == null || !Hex.isLowercaseHex(signature, algorithm.macBytes() * 2)) {
      throw new IllegalArgumentException(
          "signature must be " + algorithm.macBytes() * 2 + " lowercase hex digits");
    }
  }

  /**
   * Whether a nonce is 16 to 128 characters of {@code [A-Za-z0-9_-]}.
   *
   * @param nonce a candidate, or {@code null}
   * @return whether it is valid
   */
  static boolean isValidNonce(@Nullable String nonce) {
    if (nonce == null || nonce.length() < 16 || nonce.length() > 128) {
      return false;
    }
    for (int i = 0; i < nonce.length(); i++) {
      char c = nonce.charAt(i);
      if (!(isAsciiLetterOrDigit(c) || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /**
   * Checks the covered header names: lowercase tokens, never {@code authorization}, no name twice.
   *
   * @param names the names
   * @throws IllegalArgumentException naming the rule that was broken
   */
  static void checkCoveredHeaders(List<String> names) {
    Set<String> seen = null; // only for a long list: a short one is searched
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (!isHeaderName(name)) {
        throw new IllegalArgumentException("headers must list lowercase header names");
      }
      if (name.equals("authorization")) {
        throw new IllegalArgumentException("headers must not list authorization");
      }
      boolean repeated = false;
      if (i < 16) {
        for (int j = 0; j < i && !repeated; j++) {
          repeated = names.get(j).equals(name);
        }
      } else {
        if (seen == null) {
          seen = new HashSet<>(names.subList(0, i));
        }
        repeated = !seen.add(name);
      }
      if (repeated) {
        throw new IllegalArgumentException("headers must not list a name twice");
      }
    }
  }

  private static boolean isHeaderName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!((c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || HEADER_NAME_SYMBOLS.indexOf(c) >= 0)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  /** {@code 0|[1-9][0-9]{0,11}}: decimal, no sign, no leading zero, at most 12 digits. */
  private static boolean isTimestamp(String value) {
    if (value.isEmpty() || value.length() > 12 || (value.charAt(0) == '0' && value.length() > 1)) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * Tells whether an {@code Authorization} value claims an HMAC scheme at all: its first token
   * starts with {@code HMAC-} in any case. A request whose header does not (no header, {@code
   * Bearer …}) is unsigned; one whose header does but breaks a rule is malformed.
   *
   * @param authorization a header value
   * @return {@code true} if the value is meant as an HMAC signature
   */
  public static boolean claimsHmacScheme(String authorization) {
    String value = HttpText.trimOws(authorization);
    return value.regionMatches(true, 0, "HMAC-", 0, 5);
  }

  /**
   * Parses an {@code Authorization} value.
   *
   * @param authorization the header value
   * @return the parameters
   * @throws IllegalArgumentException naming the rule that was broken (never quoting the value)
   */
  public static SignatureParameters parse(String authorization) {
    if (authorization.length() > MAX_HEADER_BYTES / 3
        && utf8Length(authorization) > MAX_HEADER_BYTES) {
      throw new IllegalArgumentException("the Authorization header is larger than 8 KiB");
    }
    String value = HttpText.trimOws(authorization);
    int space = value.indexOf(' ');
    String scheme = space < 0 ? value : value.substring(0, space);
    Algorithm algorithm =
        Algorithm.fromScheme(scheme)
            .orElseThrow(
                () ->
                    new IllegalArgumentException("the scheme must be HMAC-SHA256 or HMAC-SHA512"));
    if (space < 0) {
      throw new IllegalArgumentException("the scheme must be followed by parameters");
    }
    // The values by their name's place in PARAMETER_NAMES; a name never seen stays null.
    String[] params = new String[PARAMETER_NAMES.size()];
    int i = space;
    int n = value.length();
    while (i < n && value.charAt(i) == ' ') {
      i++;
    }
    while (true) {
      int eq = value.indexOf('=', i);
      if (eq < 0) {
        throw new IllegalArgumentException("a parameter must be name=\"value\"");
      }
      int name = parameterName(value, i, eq);
      if (name < 0) {
        throw new IllegalArgumentException(
            "parameters must be exactly keyId, timestamp, nonce, headers, signature");
      }
      if (eq + 1 >= n || value.charAt(eq + 1) != '"') {
        throw new IllegalArgumentException("a parameter value must be in double quotes");
      }
      int close = value.indexOf('"', eq + 2);
      if (close < 0) {
        throw new IllegalArgumentException("a parameter value is not closed by a double quote");
      }
      String paramValue = value.substring(eq + 2, close);
      for (int c = 0; c < paramValue.length(); c++) {
        char ch = paramValue.charAt(c);
        if (ch == '\\' || ch < 0x20 || ch == 0x7f) {
          throw new IllegalArgumentException("a parameter value must not contain \\ or controls");
        }
      }
      if (params[name] != null) {
        throw new IllegalArgumentException(
            "parameter " + PARAMETER_NAMES.get(name) + " appears twice");
      }
      params[name] = paramValue;
      i = close + 1;
      while (i < n && value.charAt(i) == ' ') {
        i++;
      }
      if (i == n) {
        break;
      }
      if (value.charAt(i) != ',') {
        throw new IllegalArgumentException("parameters must be separated by commas");
      }
      i++;
      while (i < n && value.charAt(i) == ' ') {
        i++;
      }
      if (i == n) {
        throw new IllegalArgumentException("the parameter list must not end with a comma");
      }
    }
    for (String param : params) {
      if (param == null) {
        throw new IllegalArgumentException(
            "parameters must be exactly keyId, timestamp, nonce, headers, signature");
      }
    }
    String timestamp = params[TIMESTAMP];
    if (!isTimestamp(timestamp)) {
      throw new IllegalArgumentException(
          "timestamp must be Unix seconds: decimal, no sign, no leading zeros, at most 12 digits");
    }
    String headers = params[HEADERS];
    List<String> covered = headers.isEmpty() ? List.of() : splitHeaders(headers);
    return new SignatureParameters(
        algorithm,
        params[KEY_ID],
        Long.parseLong(timestamp),
        params[NONCE],
        covered,
        params[SIGNATURE]);
  }

  /**
   * The length of a string's UTF-8 bytes, as {@code getBytes(UTF_8)} writes them (an unpaired
   * surrogate as one {@code ?}), without writing them.
   */
  static int utf8Length(String value) {
    int bytes = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        bytes += 1;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /** The index in PARAMETER_NAMES of the name between start and end, or -1. */
  private static int parameterName(String value, int start, int end) {
    for (int k = 0; k < PARAMETER_NAMES.size(); k++) {
      String name = PARAMETER_NAMES.get(k);
      if (end - start == name.length() && value.startsWith(name, start)) {
        return k;
      }
    }
    return -1;
  }

  private static List<String> splitHeaders(String headers) {
    int count = 1;
    for (int i = 0; i < headers.length(); i++) {
      if (headers.charAt(i) == ';') {
        count++;
      }
    }
    String[] names = new String[count];
    int start = 0;
    int k = 0;
    for (int i = 0; i <= headers.length(); i++) {
      if (i == headers.length() || headers.charAt(i) == ';') {
        names[k++] = headers.substring(start, i);
        start = i + 1;
      }
    }
    return Arrays.asList(names);
  }

  /**
   * The {@code headers} parameter: the covered names joined with {@code ;}.
   *
   * @return possibly empty
   */
  public String headersParameter() {
    return String.join(";", coveredHeaders);
  }

  /**
   * Formats the {@code Authorization} header value.
   *
   * @return {@code HMAC-SHA256 keyId="…", timestamp="…", nonce="…", headers="…", signature="…"}
   */
  public String toHeaderValue() {
    return headerPrefix(algorithm, keyId, timestamp, nonce, coveredHeaders)
        .append(signature)
        .appendAscii('"')
        .toString();
  }

  /**
   * Formats the {@code Authorization} header value of a new signature, as {@link #toHeaderValue()}
   * does, with the MAC written as lowercase hex.
   *
   * @param mac the MAC's bytes
   * @return the header value
   */
  static String headerValue(
      Algorithm algorithm,
      String keyId,
      long timestamp,
      String nonce,
      List<String> coveredHeaders,
      byte[] mac) {
    return headerPrefix(algorithm, keyId, timestamp, nonce, coveredHeaders)
        .appendHex(mac)
        .appendAscii('"')
        .toString();
  }

  /**
   * The header up to the signature's value, sized for all of it: written as bytes (every value in
   * it is ASCII, checked by the record or by the signer) and decoded once.
   */
  private static Utf8Builder headerPrefix(
      Algorithm algorithm,
      String keyId,
      long timestamp,
      String nonce,
      List<String> coveredHeaders) {
    Utf8Builder out =
        new Utf8Builder(120 + keyId.length() + nonce.length() + 2 * algorithm.macBytes());
    out.append(algorithm.scheme())
        .append(" keyId=\"")
        .append(keyId)
        .append("\", timestamp=\"")
        .append(timestamp)
        .append("\", nonce=\"")
        .append(nonce)
        .append("\", headers=\"");
    for (int i = 0; i < coveredHeaders.size(); i++) {
      if (i > 0) {
        out.appendAscii(';');
      }
      out.append(coveredHeaders.get(i));
    }
    return out.append("\", signature=\"");
  }

  @Override
  public String toString() {
    return "SignatureParameters[algorithm="
        + algorithm.scheme()
        + ", keyId="
        + keyId
        + ", timestamp="
        + timestamp
        + ", nonce="
        + nonce
        + ", headers="
        + headersParameter()
        + ", signature=(redacted)]";
  }
}
