package dev.hmacsigned.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target for the canonical path and query of Amendment 1: on every input, the output is
 * visible ASCII in percent-normalized form, and normalizing it again changes nothing. The input is
 * taken as UTF-8 (as a raw path or query arrives when a framework decoded it) and as ISO-8859-1 (as
 * a server decodes request-line bytes). Seed corpus: {@code
 * src/test/resources/dev/hmacsigned/core/internal/CanonicalFormsFuzzTestInputs/<method>/}.
 *
 * <p>The oracle is written here from the amendment's words, not taken from {@link CanonicalForms},
 * and by hand rather than as regexes: a regex match of every output made this target run at 2,500
 * executions a second.
 */
class CanonicalFormsFuzzTest {
  /** The path's delimiters kept literal: everything legal in a path segment, and {@code /}. */
  private static final String PATH_DELIMITERS = "!$&'()*+,;=:@/";

  /** The delimiters kept literal inside one {@code &}-separated part of the query. */
  private static final String QUERY_DELIMITERS = "=+";

  @FuzzTest
  void pathAndQuery_anyInput_giveCanonicalAsciiThatIsStableWhenNormalizedAgain(byte[] input) {
    for (String raw :
        new String[] {
          new String(input, StandardCharsets.UTF_8), new String(input, StandardCharsets.ISO_8859_1)
        }) {
      String path = CanonicalForms.path(raw);
      assertThat(!path.isEmpty() && isPercentNormalized(path, 0, path.length(), PATH_DELIMITERS))
          .as("not a canonical path: %s", path)
          .isTrue();
      assertThat(CanonicalForms.path(path)).isEqualTo(path);

      String query = CanonicalForms.query(raw);
      assertThat(isCanonicalQuery(query)).as("not a canonical query: %s", query).isTrue();
      assertThat(CanonicalForms.query(query)).isEqualTo(query);
    }
  }

  /** Empty, or non-empty percent-normalized parts joined by {@code &}, in byte order. */
  private static boolean isCanonicalQuery(String query) {
    if (query.isEmpty()) {
      return true;
    }
    int start = 0;
    String previous = ""; // before every part
    while (true) {
      int end = query.indexOf('&', start);
      if (end < 0) {
        end = query.length();
      }
      if (end == start || !isPercentNormalized(query, start, end, QUERY_DELIMITERS)) {
        return false;
      }
      String part = query.substring(start, end);
      // the parts are ASCII here, where String order is byte order
      if (previous.compareTo(part) > 0) {
        return false;
      }
      if (end == query.length()) {
        return true;
      }
      previous = part;
      start = end + 1;
    }
  }

  /**
   * Whether {@code text[start, end)} is in percent-normalized form: unreserved characters and the
   * given delimiters as they are, every other byte as {@code %XX} with uppercase hex digits, and
   * never {@code %XX} for an unreserved byte (that one is decoded).
   */
  private static boolean isPercentNormalized(String text, int start, int end, String delimiters) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= end || !isUpperHex(text.charAt(i + 1)) || !isUpperHex(text.charAt(i + 2))) {
          return false;
        }
        int decoded =
            Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16);
        if (isUnreserved(decoded)) {
          return false;
        }
        i += 2;
      } else if (!isUnreserved(c) && delimiters.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /** RFC 3986 unreserved: ALPHA, DIGIT, {@code - . _ ~}. */
  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  private static boolean isUpperHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
  }
}
