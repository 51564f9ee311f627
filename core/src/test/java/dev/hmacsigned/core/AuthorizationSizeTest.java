package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The 8 KiB bound of §2.1 is on UTF-8 bytes, counted without encoding the header. */
class AuthorizationSizeTest {
  private static final String[] PIECES = {
    "a", "\u00e9", "\u6771", "\ud83d\ude00", "\ud800", "\udc00"
  };

  @Test
  void utf8Length_anyText_isTheLengthOfGetBytesUtf8() {
    Random random = new Random(14);
    for (int n = 0; n < 5_000; n++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(60); i > 0; i--) {
        text.append(PIECES[random.nextInt(PIECES.length)]);
      }
      String value = text.toString();
      assertThat(SignatureParameters.utf8Length(value))
          .as(value)
          .isEqualTo(value.getBytes(StandardCharsets.UTF_8).length);
    }
  }

  @Test
  void parse_headerOverEightKiBOfUtf8_isRefusedBeforeItsSyntax() {
    // 2,731 three-byte characters: 8,193 bytes, only 2,731 chars.
    assertThatThrownBy(() -> SignatureParameters.parse("HMAC-SHA256 " + "\u6771".repeat(2_727)))
        .hasMessageContaining("8 KiB");
    // 8,192 bytes exactly is not refused for its size (but for its syntax).
    assertThatThrownBy(
            () -> SignatureParameters.parse("HMAC-SHA256 " + "\u6771".repeat(2_726) + "ab"))
        .hasMessageNotContaining("8 KiB");
  }
}
