package dev.hmacsigned.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Boundaries of the canonical forms of Amendment 1 that the example-based tests do not reach. */
class CanonicalFormsSpecTest {

  @Test
  void host_charactersAroundTheUppercaseRange_areKept() {
    assertThat(CanonicalForms.host("@AZ[")).isEqualTo("@az[");
    assertThat(CanonicalForms.host("a@[Z")).isEqualTo("a@[z");
  }

  @Test
  void query_singleCharacterPart_isKept() {
    assertThat(CanonicalForms.query("b&a")).isEqualTo("a&b");
    assertThat(CanonicalForms.query("a")).isEqualTo("a");
  }

  @Test
  void contentType_oneCharacterQuoteAsCharset_isKeptAsSent() {
    assertThat(CanonicalForms.contentType("text/plain; charset=\""))
        .isEqualTo("text/plain;charset=\"");
    assertThat(CanonicalForms.contentType("text/plain; charset=\"\""))
        .isEqualTo("text/plain;charset=");
  }

  @Test
  void contentType_parameterWithoutValueOrWithEqualsFirst_keepsItsParts() {
    assertThat(CanonicalForms.contentType("a/b; X; =v; q=1")).isEqualTo("a/b;x=;=v;q=1");
  }
}
