package dev.hmacsigned.client;

import static dev.hmacsigned.client.TestKeys.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.RejectionCode;
import dev.hmacsigned.core.RejectionResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The small JSON reader of problem documents (RFC 9457 over RFC 8259). */
class ProblemJsonTest {

  @ParameterizedTest
  @EnumSource(RejectionCode.class)
  void code_coreRejectionBody_isItsCode(RejectionCode code) {
    assertThat(ProblemJson.code(RejectionResponse.of(code, "api").body())).contains(code);
  }

  @Test
  void members_escapesAndNesting_readsTopLevelStringsOnly() {
    String json =
        " {\"type\":\"about:blank\",\"status\":401,\"ext\":{\"code\":\"nested\",\"a\":[1,-2.5e3,true,"
            + "false,null,{}]},\"code\":\"stale_timestamp\",\"detail\":\"caf\\u00e9 \\\"q\\\" \\\\ \\/"
            + " \\n\"} ";

    assertThat(ProblemJson.members(utf8(json)))
        .contains(
            Map.of(
                "type", "about:blank",
                "code", "stale_timestamp",
                "detail", "café \"q\" \\ / \n"));
  }

  @Test
  void members_rawUtf8_isDecoded() {
    assertThat(ProblemJson.members(utf8("{\"detail\":\"Grüße 東京\"}")))
        .contains(Map.of("detail", "Grüße 東京"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "[]",
        "\"code\"",
        "{\"code\":\"stale_timestamp\"",
        "{\"code\":\"stale_timestamp\"} x",
        "{\"code\":\"a\",\"code\":\"b\"}",
        "{code:\"stale_timestamp\"}",
        "{\"code\":'stale_timestamp'}",
        "{\"n\":01}",
        "{\"n\":1.}",
        "{\"n\":tru}",
        "{\"s\":\"bad \\x escape\"}",
        "{\"s\":\"short \\u12\"}",
        "{\"s\":\"raw\ttab\"}",
        "{\"a\":[1,]}",
        "{\"a\":1,}"
      })
  void members_notOneValidObject_isEmpty(String json) {
    assertThat(ProblemJson.members(utf8(json))).isEmpty();
  }

  @Test
  void members_deepNesting_isEmptyNotStackOverflow() {
    String json = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";

    assertThat(ProblemJson.members(utf8(json))).isEmpty();
  }

  @Test
  void members_invalidUtf8_isEmpty() {
    assertThat(ProblemJson.members(new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}))
        .isEmpty();
  }

  @Test
  void members_largerThanAProblemDocument_isEmpty() {
    String json = "{\"detail\":\"" + "x".repeat(ProblemJson.MAX_BYTES) + "\"}";

    assertThat(ProblemJson.members(utf8(json))).isEmpty();
  }

  @Test
  void code_unknownCode_isEmpty() {
    assertThat(ProblemJson.code(utf8("{\"code\":\"teapot\"}"))).isEmpty();
    assertThat(ProblemJson.code(utf8("{\"code\":42}"))).isEmpty();
  }
}
