package dev.hmacsigned.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** URL-encoded form decoding (WHATWG URL standard, application/x-www-form-urlencoded parsing). */
class FormParametersTest {

  static Map<String, List<String>> parse(String form, Charset charset) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    FormParameters.parse(form.getBytes(StandardCharsets.ISO_8859_1), charset, map);
    return map;
  }

  @Test
  void parse_repeatedNames_keepsValuesInOrder() {
    assertThat(parse("a=1&b=2&a=3", StandardCharsets.UTF_8))
        .containsExactly(Map.entry("a", List.of("1", "3")), Map.entry("b", List.of("2")));
  }

  @Test
  void parse_emptyPartsAndMissingValues_skipsEmptyKeepsNames() {
    assertThat(parse("&&a&=v&b=&&", StandardCharsets.UTF_8))
        .containsExactly(
            Map.entry("a", List.of("")), Map.entry("", List.of("v")), Map.entry("b", List.of("")));
  }

  @Test
  void parse_emptyInput_nothing() {
    assertThat(parse("", StandardCharsets.UTF_8)).isEmpty();
  }

  @ParameterizedTest(name = "{0} in {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "x+y|UTF-8|x y",
        "%2B|UTF-8|+",
        "%C3%A9|UTF-8|é",
        "%c3%a9|UTF-8|é",
        "%E9|ISO-8859-1|é",
        "%E9|UTF-8|\uFFFD",
        "100%|UTF-8|100%",
        "%zz|UTF-8|%zz",
        "%4|UTF-8|%4",
        "%%41|UTF-8|%A",
        "a=b|UTF-8|a=b",
      })
  void parse_value_decodes(String encoded, String charset, String decoded) {
    assertThat(parse("v=" + encoded, Charset.forName(charset)))
        .containsExactly(Map.entry("v", List.of(decoded)));
  }
}
