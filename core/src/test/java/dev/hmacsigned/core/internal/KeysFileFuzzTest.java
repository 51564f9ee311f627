package dev.hmacsigned.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.KeyRing;
import java.nio.charset.StandardCharsets;

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
      // the file's lines, split by hand on CR LF, CR and LF (a regex split costs more than the
      // parse under Jazzer's regex hooks)
      int start = 0;
      while (start <= text.length()) {
        int end = start;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
          end++;
        }
        String line = text.substring(start, end);
        assertNotEchoed(text, message, start, line);
        int equals = line.indexOf('=');
        if (equals >= 0) {
          assertNotEchoed(text, message, start + equals + 1, line.substring(equals + 1));
        }
        start = text.startsWith("\r\n", end) ? end + 2 : end + 1;
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
   * A text of the file found in the message is an echo only if it is not the parser's own words:
   * the same file with that text overwritten, there and nowhere else, must give a message without
   * it (an example instant such as 2027-06-01T00:00:00Z is in the message whatever the file says;
   * overwriting the same characters elsewhere, say inside another line's {@code .secret=base64:},
   * would change the file's error and prove nothing).
   *
   * @param file the file
   * @param message the parser's message
   * @param at where {@code part} starts in {@code file}
   * @param part a line, or a value, whose blank-stripped text is checked
   */
  private static void assertNotEchoed(String file, String message, int at, String part) {
    String text = part.strip();
    if (text.length() < MIN_ECHO_CHARS || !message.contains(text) || HmacKey.isValidId(text)) {
      return;
    }
    int from = at + part.indexOf(text);
    String overwritten =
        file.substring(0, from) + "x".repeat(text.length()) + file.substring(from + text.length());
    String other;
    try {
      KeysFile.parse(overwritten.getBytes(StandardCharsets.UTF_8));
      other = "";
    } catch (HmacConfigurationException e) {
      other = e.getMessage();
    }
    assertThat(other).as("the message quotes the file: %s", message).contains(text);
  }
}
