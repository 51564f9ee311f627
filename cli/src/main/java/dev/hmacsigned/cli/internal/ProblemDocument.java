package dev.hmacsigned.cli.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code code} and {@code detail} of an RFC 9457 problem document in curl's output, to say why
 * a server refused a request. Finds the two string members where they are, even after the headers
 * that {@code curl -i} prints; it is not a JSON parser, and anything it cannot read it leaves out.
 *
 * @param code the public code, e.g. {@code invalid_signature}
 * @param detail the server's advice, if the document has one
 */
record ProblemDocument(String code, Optional<String> detail) {
  private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([a-z_]{1,64})\"");
  private static final Pattern DETAIL =
      Pattern.compile("\"detail\"\\s*:\\s*\"((?:[^\"\\\\\\x00-\\x1f]|\\\\.){0,2000})\"");

  /**
   * Finds a problem document in some text.
   *
   * @param text curl's output
   * @return the code and detail, or empty when there is no {@code code}
   */
  static Optional<ProblemDocument> find(String text) {
    Matcher code = CODE.matcher(text);
    if (!code.find()) {
      return Optional.empty();
    }
    Matcher detail = DETAIL.matcher(text);
    Optional<String> advice = detail.find() ? unescape(detail.group(1)) : Optional.empty();
    return Optional.of(new ProblemDocument(code.group(1), advice));
  }

  /** JSON string escapes; empty when one is broken. */
  private static Optional<String> unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (++i >= s.length()) {
        return Optional.empty();
      }
      char e = s.charAt(i);
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (i + 4 >= s.length() || !s.substring(i + 1, i + 5).matches("[0-9A-Fa-f]{4}")) {
            return Optional.empty();
          }
          out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> {
          return Optional.empty();
        }
      }
    }
    return Optional.of(out.toString());
  }
}
