package dev.hmacsigned.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@link HttpText#forLog} makes of a client's string before it reaches a log line. */
class HttpTextSpecTest {

  @Test
  void forLog_null_isADash() {
    assertThat(HttpText.forLog(null, 10)).isEqualTo("-");
  }

  @Test
  void forLog_controlCharacters_becomeQuestionMarksAndTheirNeighboursStay() {
    assertThat(HttpText.forLog("a\u001f \u007f~\u0000\n", 10)).isEqualTo("a? ?~??");
  }

  @Test
  void forLog_emptyString_staysEmpty() {
    assertThat(HttpText.forLog("", 5)).isEmpty();
  }

  @Test
  void forLog_exactlyTheMaximum_isKeptWhole() {
    assertThat(HttpText.forLog("abcd", 4)).isEqualTo("abcd");
  }

  @Test
  void forLog_oneOverTheMaximum_isCutWithAnEllipsis() {
    assertThat(HttpText.forLog("abcde", 4)).isEqualTo("abcd…");
  }

  @Test
  void trimOws_spacesAndTabsAtTheEnds_areRemovedAndOthersKept() {
    assertThat(HttpText.trimOws(" \t a b \t ")).isEqualTo("a b");
    assertThat(HttpText.trimOws("\u00a0a\n")).isEqualTo("\u00a0a\n");
  }
}
