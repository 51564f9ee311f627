package dev.hmacsigned.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A {@link StringBuilder} that holds UTF-8 bytes: the canonical string is written into one, and the
 * MAC is computed over its bytes without building a {@code String} and copying it with {@code
 * getBytes}. Text is encoded exactly as {@link String#getBytes(java.nio.charset.Charset)} with
 * UTF-8 encodes it (an unpaired surrogate becomes {@code ?}), so that the bytes are those of the
 * same text built as a string.
 *
 * <p>Not thread-safe; one per canonical string.
 */
public final class Utf8Builder {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private byte[] bytes;
  private int length;

  /**
   * An empty builder.
   *
   * @param capacity the bytes it holds before it grows
   */
  public Utf8Builder(int capacity) {
    this.bytes = new byte[Math.max(capacity, 16)];
  }

  /**
   * Appends one ASCII character.
   *
   * @param c a character below 0x80
   * @return this builder
   */
  public Utf8Builder appendAscii(char c) {
    ensure(1);
    bytes[length++] = (byte) c;
    return this;
  }

  /**
   * Appends a byte as it is (the caller knows it is ASCII, or a byte of UTF-8 it copies).
   *
   * @param b the byte
   * @return this builder
   */
  public Utf8Builder appendByte(int b) {
    ensure(1);
    bytes[length++] = (byte) b;
    return this;
  }

  /**
   * Appends bytes as they are (bytes of UTF-8 the caller copies).
   *
   * @param src the bytes
   * @param off where they start in {@code src}
   * @param len how many
   * @return this builder
   */
  public Utf8Builder appendBytes(byte[] src, int off, int len) {
    ensure(len);
    System.arraycopy(src, off, bytes, length, len);
    length += len;
    return this;
  }

  /**
   * Appends text, encoded as UTF-8.
   *
   * @param text the text
   * @return this builder
   */
  public Utf8Builder append(CharSequence text) {
    return append(text, 0, text.length());
  }

  /**
   * Appends a range of text, encoded as UTF-8.
   *
   * @param text the text
   * @param start the first character
   * @param end after the last character
   * @return this builder
   */
  public Utf8Builder append(CharSequence text, int start, int end) {
    ensure(end - start);
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        return appendEncoded(text.subSequence(i, end).toString());
      }
      bytes[length++] = (byte) c;
    }
    return this;
  }

  /**
   * Appends a range of text with {@code A-Z} lowercased and nothing else changed.
   *
   * @param text the text
   * @param start the first character
   * @param end after the last character
   * @return this builder
   */
  public Utf8Builder appendAsciiLowercase(CharSequence text, int start, int end) {
    ensure(end - start);
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        // Rare (a covered value is ASCII): encode the rest through a string, lowercased the same
        // way.
        StringBuilder rest = new StringBuilder(end - i);
        for (int j = i; j < end; j++) {
          char d = text.charAt(j);
          rest.append(d >= 'A' && d <= 'Z' ? (char) (d + ('a' - 'A')) : d);
        }
        return appendEncoded(rest.toString());
      }
      bytes[length++] = (byte) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    return this;
  }

  /**
   * Appends a number in decimal.
   *
   * @param value the number
   * @return this builder
   */
  public Utf8Builder append(long value) {
    if (value < 0) {
      return append(Long.toString(value));
    }
    int digits = 1;
    for (long rest = value / 10; rest > 0; rest /= 10) {
      digits++;
    }
    ensure(digits);
    long rest = value;
    for (int i = length + digits - 1; i >= length; i--) {
      bytes[i] = (byte) ('0' + rest % 10);
      rest /= 10;
    }
    length += digits;
    return this;
  }

  /**
   * Appends bytes as lowercase hex, two digits each.
   *
   * @param data the bytes
   * @return this builder
   */
  public Utf8Builder appendHex(byte[] data) {
    ensure(2 * data.length);
    for (byte b : data) {
      bytes[length++] = HEX[(b >> 4) & 0xf];
      bytes[length++] = HEX[b & 0xf];
    }
    return this;
  }

  /**
   * The array that holds the bytes: valid from 0 to {@link #length()}, and shared, not copied.
   *
   * @return the array
   */
  public byte[] array() {
    return bytes;
  }

  /**
   * The number of bytes written.
   *
   * @return the length
   */
  public int length() {
    return length;
  }

  /**
   * Moves the end back, dropping what was written after it.
   *
   * @param newLength a length at most {@link #length()}
   */
  public void truncate(int newLength) {
    length = newLength;
  }

  /**
   * The bytes decoded as UTF-8.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  private Utf8Builder appendEncoded(String text) {
    byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
    ensure(encoded.length);
    System.arraycopy(encoded, 0, bytes, length, encoded.length);
    length += encoded.length;
    return this;
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
