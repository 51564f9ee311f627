package dev.hmacsigned.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8BuilderTest {
  /** ASCII, two- and three-byte characters, a surrogate pair, and unpaired surrogates. */
  private static final String[] PIECES = {
    "a",
    "Z",
    "0",
    " ",
    "%",
    ";",
    "\"",
    "\t",
    "\u00e9",
    "\u00ff",
    "\u0130",
    "\u212a",
    "\u6771",
    "\ud83d\ude00",
    "\ud800",
    "\udc00"
  };

  @Test
  void append_anyTextOrRange_writesTheBytesOfGetBytesUtf8() {
    Random random = new Random(14);
    for (int n = 0; n < 2_000; n++) {
      String text = randomText(random);
      int cut = random.nextInt(text.length() + 1);
      Utf8Builder out = new Utf8Builder(1);
      out.append("x").append(text).append(text, 0, cut);
      // A range that cuts a surrogate pair ends in an unpaired surrogate: ?, as getBytes writes it.
      byte[] expected =
          concat(
              ("x" + text).getBytes(StandardCharsets.UTF_8),
              text.substring(0, cut).getBytes(StandardCharsets.UTF_8));
      assertThat(Arrays.copyOf(out.array(), out.length())).as(text).isEqualTo(expected);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  @Test
  void appendAsciiLowercase_lowercasesOnlyAtoZ() {
    Utf8Builder out = new Utf8Builder(4);
    String text = "ÉCOLE.Example\u0130\u212a-AZ@[";
    out.appendAsciiLowercase(text, 0, text.length());
    assertThat(out.toString()).isEqualTo("École.example\u0130\u212a-az@[");
  }

  @Test
  void appendHexAndNumbers_areAsciiDigits() {
    Utf8Builder out = new Utf8Builder(1);
    out.appendHex(new byte[] {0, (byte) 0xab, 0x7f, (byte) 0xff}).append(7L).append(1763900000L);
    assertThat(out.toString()).isEqualTo("00ab7fff71763900000");
    for (long n :
        new long[] {0, 9, 10, 99, 100, 999_999_999_999L, Long.MAX_VALUE, -1, Long.MIN_VALUE}) {
      assertThat(new Utf8Builder(1).append(n).toString()).isEqualTo(Long.toString(n));
    }
    out.truncate(2);
    assertThat(out.toString()).isEqualTo("00");
  }

  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(40);
    for (int i = 0; i < length; i++) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }
}
