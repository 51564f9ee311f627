package dev.hmacsigned.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.KeyRing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target for the keys-file parser: any bytes give a ring or a {@link
 * HmacConfigurationException}, never another exception, and its message never echoes a line or a
 * value of the file (a misplaced secret must not reach a log). Key ids are not secret and may be
 * named. Seed corpus: {@code
 * src/test/resources/dev/hmacsigned/core/internal/KeysFileFuzzTestInputs/<method>/}, the keys files
 * of {@code test-vectors/protocol-v1.json}.
 */
class KeysFileFuzzTest {
  /** Lines and values shorter than this may be part of the message's own words. */
  private static final int MIN_ECHO_CHARS = 8;

  @FuzzTest
  void parse_anyBytes_givesRingOrConfigurationErrorThatEchoesNoLine(byte[] input) {
    KeyRing ring;
    try {
      ring = KeysFile.parse(input);
    } catch (HmacConfigurationException e) {
      String message = e.getMessage();
      assertThat(message).isNotBlank();
      String text = new String(input, StandardCharsets.UTF_8);
      // The lines and values the message contains, with where each of their copies starts. The
      // file's lines are split by hand on CR LF, CR and LF (a regex split costs more than the
      // parse under Jazzer's regex hooks).
      Map<String, List<Integer>> found = new LinkedHashMap<>();
      int start = 0;
      while (start <= text.length()) {
        int end = start;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
          end++;
        }
        String line = text.substring(start, end);
        findInMessage(message, start, line, found);
        int equals = line.indexOf('=');
        if (equals >= 0) {
          findInMessage(message, start + equals + 1, line.substring(equals + 1), found);
        }
        start = text.startsWith("\r\n", end) ? end + 2 : end + 1;
      }
      for (Map.Entry<String, List<Integer>> each : found.entrySet()) {
        assertNotEchoed(text, message, each.getKey(), each.getValue());
      }
      return;
    }
    for (HmacKey key : ring.keys()) {
      assertThat(ring.find(key.id())).containsSame(key);
      // a principal or role may well contain "base64:"; what matters is the secret's place
      assertThat(key.toString()).endsWith(", secret=(redacted)]");
    }
  }

  /**
   * Notes {@code part} (a line, or a value, at {@code at} in the file) when its blank-stripped text
   * is long enough to be an echo, is in the message, and is not a key id (ids may be named).
   */
  private static void findInMessage(
      String message, int at, String part, Map<String, List<Integer>> found) {
    String text = part.strip();
    if (text.length() < MIN_ECHO_CHARS || !message.contains(text) || HmacKey.isValidId(text)) {
      return;
    }
    found.computeIfAbsent(text, t -> new ArrayList<>()).add(at + part.indexOf(text));
  }

  /**
   * A text of the file found in the message is an echo only if it is not the parser's own words:
   * the same file with that text overwritten at its places as a line or a value, and nowhere else,
   * must give a message without it (an example instant such as 2027-06-01T00:00:00Z is in the
   * message whatever the file says; overwriting the same characters elsewhere, say inside another
   * line's {@code .secret=base64:}, would change the file's error and prove nothing). All places of
   * one text are overwritten at once, so a file parses once per distinct text: the fuzzer found
   * files of hundreds of lines "a comment" (words of the message), each parsed again per line,
   * which made this target run 400 times a second.
   *
   * @param file the file
   * @param message the parser's message
   * @param text a line's or a value's blank-stripped text found in the message
   * @param places where the text starts in {@code file}, once for each line or value it is
   */
  private static void assertNotEchoed(
      String file, String message, String text, List<Integer> places) {
    StringBuilder overwritten = new StringBuilder(file);
    for (int from : places) {
      for (int i = from; i < from + text.length(); i++) {
        overwritten.setCharAt(i, 'x');
      }
    }
    String other;
    try {
      KeysFile.parse(overwritten.toString().getBytes(StandardCharsets.UTF_8));
      other = "";
    } catch (HmacConfigurationException e) {
      other = e.getMessage();
    }
    assertThat(other).as("the message quotes the file: %s", message).contains(text);
  }
}
