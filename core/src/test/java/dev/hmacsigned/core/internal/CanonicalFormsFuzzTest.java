package dev.hmacsigned.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Fuzz target for the canonical path and query of Amendment 1: on every input, the output is
 * visible ASCII in percent-normalized form, and normalizing it again changes nothing. The input is
 * taken as UTF-8 (as a raw path or query arrives when a framework decoded it) and as ISO-8859-1 (as
 * a server decodes request-line bytes). Seed corpus: {@code
 * src/test/resources/dev/hmacsigned/core/internal/CanonicalFormsFuzzTestInputs/<method>/}.
 */
class CanonicalFormsFuzzTest {
  /** Unreserved characters, the path's kept delimiters, and %XX with uppercase hex digits. */
  private static final Pattern CANONICAL_PATH =
      Pattern.compile("(?:[A-Za-z0-9._~!$&'()*+,;=:@/-]|%[0-9A-F]{2})*");

  /** Parts of unreserved characters, {@code =}, {@code +} and %XX, joined by {@code &}. */
  private static final Pattern CANONICAL_QUERY =
      Pattern.compile(
          "(?:(?:[A-Za-z0-9._~=+-]|%[0-9A-F]{2})+(?:&(?:[A-Za-z0-9._~=+-]|%[0-9A-F]{2})+)*)?");

  @FuzzTest
  void pathAndQuery_anyInput_giveCanonicalAsciiThatIsStableWhenNormalizedAgain(byte[] input) {
    for (String raw :
        new String[] {
          new String(input, StandardCharsets.UTF_8), new String(input, StandardCharsets.ISO_8859_1)
        }) {
      String path = CanonicalForms.path(raw);
      assertThat(path).isNotEmpty().matches(CANONICAL_PATH);
      assertThat(CanonicalForms.path(path)).isEqualTo(path);

      String query = CanonicalForms.query(raw);
      assertThat(query).matches(CANONICAL_QUERY);
      assertThat(CanonicalForms.query(query)).isEqualTo(query);
    }
  }
}
