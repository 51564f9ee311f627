package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hmacsigned.core.internal.KeysFile;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every {@code keys_files} case of the shared test-vector file through {@link KeysFile}: the
 * keys it gives, or its refusal, are those of the Python and Node readers (protocol v1 §7.1).
 */
class KeysFileVectorsTest {
  private static final byte[] PROBE = "a message to MAC".getBytes(StandardCharsets.UTF_8);

  static Stream<Arguments> readable() throws IOException {
    return cases(false);
  }

  static Stream<Arguments> broken() throws IOException {
    return cases(true);
  }

  private static Stream<Arguments> cases(boolean broken) throws IOException {
    List<Arguments> cases = new ArrayList<>();
    for (JsonNode c : ProtocolVectorsTest.vectors().get("keys_files")) {
      if (c.path("expected_error").asBoolean(false) == broken) {
        cases.add(Arguments.of(c.get("name").asText(), c));
      }
    }
    assertThat(cases).isNotEmpty();
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readable")
  void parse_readableCase_givesExactlyTheExpectedKeys(String name, JsonNode c) throws Exception {
    KeyRing ring = KeysFile.parse(c.get("text").asText().getBytes(StandardCharsets.UTF_8));

    JsonNode expected = c.get("expected").get("keys");
    List<String> ids = new ArrayList<>();
    expected.forEach(k -> ids.add(k.get("id").asText()));
    assertThat(ring.keys()).extracting(HmacKey::id).containsExactlyInAnyOrderElementsOf(ids);
    for (JsonNode k : expected) {
      HmacKey key = ring.find(k.get("id").asText()).orElseThrow();
      assertThat(key.algorithm().scheme()).isEqualTo(k.get("algorithm").asText());
      assertThat(key.principal()).isEqualTo(k.get("principal").asText());
      Set<String> roles = new HashSet<>();
      k.get("roles").forEach(r -> roles.add(r.asText()));
      assertThat(key.roles()).isEqualTo(roles);
      assertThat(key.status().name().toLowerCase(java.util.Locale.ROOT))
          .isEqualTo(k.get("status").asText());
      assertThat(key.notAfter().map(Instant::toString).orElse(null))
          .isEqualTo(k.get("not_after").isNull() ? null : k.get("not_after").asText());
      // The secret is never handed out: compare what it computes.
      byte[] secret = Base64.getDecoder().decode(k.get("secret_base64").asText());
      Mac reference = Mac.getInstance(key.algorithm().macAlgorithm());
      reference.init(new SecretKeySpec(secret, key.algorithm().macAlgorithm()));
      assertThat(key.newMac().doFinal(PROBE)).isEqualTo(reference.doFinal(PROBE));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("broken")
  void parse_brokenCase_isRefusedWithoutQuotingTheFile(String name, JsonNode c) {
    String text = c.get("text").asText();

    assertThatThrownBy(() -> KeysFile.parse(text.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(HmacConfigurationException.class)
        .satisfies(refused -> assertThat(quoted(text, refused.getMessage())).isEmpty())
        .message()
        .containsPattern("^(line \\d+ |key '[^']+' \\(line \\d+\\) )");
  }

  /**
   * The point of the subset: a file it reads means the same to {@link Properties#load}, apart from
   * blanks at the end of a value (which {@code Properties} keeps) and a byte order mark.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("readable")
  void load_readableCase_meansTheSameToJavaUtilProperties(String name, JsonNode c)
      throws IOException {
    Properties properties = new Properties();
    properties.load(new StringReader(c.get("text").asText().replaceFirst("^\uFEFF", "")));
    KeyRing ring = KeysFile.parse(c.get("text").asText().getBytes(StandardCharsets.UTF_8));

    for (String property : properties.stringPropertyNames()) {
      int dot = property.lastIndexOf('.');
      HmacKey key = ring.find(property.substring(0, dot)).orElseThrow();
      String value = properties.getProperty(property).replaceFirst("[ \t\f]+$", "");
      switch (property.substring(dot + 1)) {
        case "secret" -> assertThat(value).startsWith("base64:");
        case "algorithm" -> assertThat(value).isEqualTo(key.algorithm().scheme());
        case "principal" -> assertThat(value).isEqualTo(key.principal());
        case "roles" ->
            assertThat(
                    value.isEmpty()
                        ? Set.of()
                        : new HashSet<>(List.of(value.split("[ \t\f]*,[ \t\f]*"))))
                .isEqualTo(key.roles());
        case "status" ->
            assertThat(KeyStatus.valueOf(value.toUpperCase(java.util.Locale.ROOT)))
                .isEqualTo(key.status());
        case "not-after" ->
            assertThat(value).isEqualTo(key.notAfter().map(Instant::toString).orElse(""));
        default -> throw new AssertionError("unexpected property " + property);
      }
    }
    assertThat(properties.stringPropertyNames().stream().filter(p -> p.endsWith(".secret")))
        .hasSize(ring.keys().size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("broken")
  void quoted_messageThatQuotesTheFile_isCaught(String name, JsonNode c) {
    // The check of the broken cases must be able to fail.
    String text = c.get("text").asText();
    assertThatThrownBy(() -> assertThat(quoted(text, "line 1: " + text)).isEmpty())
        .isInstanceOf(AssertionError.class);
  }

  /**
   * The lines of a keys file (6 characters or more) and its runs of base64 (secrets) that a message
   * quotes, as check_vectors.py checks them.
   */
  static List<String> quoted(String text, String message) {
    List<String> parts = new ArrayList<>();
    for (String line : text.split("\r\n|\r|\n", -1)) {
      parts.add(line.replaceAll("^[ \t\f]+|[ \t\f]+$", ""));
    }
    Matcher runs = Pattern.compile("[A-Za-z0-9+/_-]{16,}=*").matcher(text);
    while (runs.find()) {
      parts.add(runs.group());
    }
    return parts.stream().filter(p -> p.length() >= 6 && message.contains(p)).toList();
  }
}
