package dev.hmacsigned.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SipHash-2-4-128 against the reference implementation's vectors ({@code vectors_sip128} in {@code
 * vectors.h} of github.com/veorq/SipHash): key 00 01 .. 0f, message i = the bytes 00 .. (i-1). The
 * lengths chosen cover an empty input, each partial last word and whole words.
 */
class SipHash128Test {
  private static final byte[] KEY = sequence(16);

  @ParameterizedTest(name = "{0} bytes")
  @CsvSource({
    "0, a3817f04ba25a8e66df67214c7550293",
    "1, da87c1d86b99af44347659119b22fc45",
    "2, 8177228da4a45dc7fca38bdef60affe4",
    "3, 9c70b60c5267a94e5f33b6b02985ed51",
    "7, a1f1ebbed8dbc153c0b84aa61ff08239",
    "8, 3b62a9ba6258f5610f83e264f31497b4",
    "15, 5493e99933b0a8117e08ec0f97cfc3d9",
    "16, 6ee2a4ca67b054bbfd3315bf85230577",
    "31, 2939b0183223fafc1723de4f52c43d35",
    "63, 5150d1772f50834a503e069a973fbd7c"
  })
  void hash_referenceVector_matches(int length, String expected) {
    long[] out = new long[2];
    new SipHash128(KEY).hash(sequence(length), 0, length, out);

    assertThat(littleEndianHex(out)).isEqualTo(expected);
  }

  @Test
  void hash_offsetIntoALargerArray_hashesOnlyTheRange() {
    byte[] framed = new byte[40];
    System.arraycopy(sequence(31), 0, framed, 5, 31);
    framed[4] = 99;
    framed[36] = 99;
    long[] out = new long[2];
    SipHash128 hash = new SipHash128(KEY);

    hash.hash(framed, 5, 31, out);

    assertThat(littleEndianHex(out)).isEqualTo("2939b0183223fafc1723de4f52c43d35");
  }

  @Test
  void hash_sameInstanceAgain_startsFromTheKeyEachTime() {
    SipHash128 hash = new SipHash128(KEY);
    long[] out = new long[2];
    hash.hash(sequence(63), 0, 63, out);

    hash.hash(sequence(1), 0, 1, out);

    assertThat(littleEndianHex(out)).isEqualTo("da87c1d86b99af44347659119b22fc45");
  }

  @Test
  void hash_anotherKey_givesAnotherHash() {
    byte[] key = sequence(16);
    key[15] ^= 1;
    long[] out = new long[2];

    new SipHash128(key).hash(new byte[0], 0, 0, out);

    assertThat(littleEndianHex(out)).isNotEqualTo("a3817f04ba25a8e66df67214c7550293");
  }

  @Test
  void constructor_keyNot16Bytes_isRefusedAndToStringHidesTheKey() {
    assertThatThrownBy(() -> new SipHash128(new byte[15]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new SipHash128(KEY).toString()).isEqualTo("SipHash128[key hidden]");
  }

  private static byte[] sequence(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) i;
    }
    return b;
  }

  private static String littleEndianHex(long[] words) {
    StringBuilder hex = new StringBuilder();
    for (long word : words) {
      for (int i = 0; i < 8; i++) {
        hex.append(String.format("%02x", (word >>> (8 * i)) & 0xff));
      }
    }
    return hex.toString();
  }
}
