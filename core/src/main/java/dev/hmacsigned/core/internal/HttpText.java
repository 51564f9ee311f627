package dev.hmacsigned.core.internal;

import org.jspecify.annotations.Nullable;

/** Small text rules of HTTP that several protocol parts share. */
public final class HttpText {
  private HttpText() {}

  /** Removes leading and trailing spaces and tabs (HTTP's optional whitespace), nothing else. */
  public static String trimOws(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && isOws(value.charAt(start))) {
      start++;
    }
    while (end > start && isOws(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(start, end);
  }

  /**
   * Where a range of a string starts once its leading spaces and tabs are skipped.
   *
   * @param value the string
   * @param start the range's first character
   * @param end after the range's last character
   * @return the first character that is not optional whitespace, or {@code end}
   */
  public static int trimStart(String value, int start, int end) {
    while (start < end && isOws(value.charAt(start))) {
      start++;
    }
    return start;
  }

  /**
   * Where a range of a string ends once its trailing spaces and tabs are dropped.
   *
   * @param value the string
   * @param start the range's first character
   * @param end after the range's last character
   * @return after the last character that is not optional whitespace, or {@code start}
   */
  public static int trimEnd(String value, int start, int end) {
    while (end > start && isOws(value.charAt(end - 1))) {
      end--;
    }
    return end;
  }

  /**
   * Makes a client-supplied string safe for one log line: control characters become '?', and it is
   * cut at a length a log line can hold.
   */
  public static String forLog(@Nullable String value, int maxLength) {
    if (value == null) {
      return "-";
    }
    StringBuilder out = new StringBuilder(Math.min(value.length(), maxLength) + 1);
    for (int i = 0; i < value.length() && i < maxLength; i++) {
      char c = value.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    if (value.length() > maxLength) {
      out.append('…');
    }
    return out.toString();
  }

  private static boolean isOws(char c) {
    return c == ' ' || c == '\t';
  }
}
