package dev.hmacsigned.core.internal;

/** Lowercase hexadecimal, the only form signatures and body digests take in the protocol. */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  public static String encode(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
    }
    return String.valueOf(out);
  }

  /** Decodes lowercase hex; the caller has checked the syntax. */
  public static byte[] decode(String hex) {
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((value(hex.charAt(2 * i)) << 4) | value(hex.charAt(2 * i + 1)));
    }
    return out;
  }

  public static boolean isLowercaseHex(String s, int length) {
    if (s.length() != length) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static int value(char c) {
    return c <= '9' ? c - '0' : c - 'a' + 10;
  }
}
