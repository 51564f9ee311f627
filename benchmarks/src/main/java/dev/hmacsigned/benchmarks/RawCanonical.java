package dev.hmacsigned.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The canonical string of protocol v1 ({@code docs/protocol.md} §3), written by hand with the JDK
 * alone, as a careful user would without this library: the bytes are appended straight into one
 * buffer that the thread reuses. It is the floor the library is measured against, so it stays
 * plain: no cache, no trick. It covers what the benchmarks' requests carry: {@code host} and, when
 * present, {@code content-type}.
 *
 * <p>Not thread-safe: one per thread.
 */
final class RawCanonical {
  private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEX_LOWER = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private byte[] buffer = new byte[512];
  private int length;

  /** Starts a new canonical string. */
  void reset() {
    length = 0;
  }

  /** The bytes written so far (the buffer itself; valid up to {@link #length()}). */
  byte[] bytes() {
    return buffer;
  }

  int length() {
    return length;
  }

  /**
   * Writes every line of the canonical string.
   *
   * @param contentType the {@code Content-Type} value, or {@code null} when not covered
   */
  void write(
      String scheme,
      String keyId,
      long timestamp,
      String nonce,
      String method,
      String rawPath,
      @Nullable String rawQuery,
      String host,
      @Nullable String contentType,
      byte[] bodyDigest) {
    reset();
    ascii(scheme).newline();
    ascii(keyId).newline();
    ascii(Long.toString(timestamp)).newline();
    ascii(nonce).newline();
    ascii(method).newline();
    path(rawPath).newline();
    query(rawQuery).newline();
    ascii(contentType == null ? "host" : "host;content-type").newline();
    ascii("host:");
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      append(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    newline();
    if (contentType != null) {
      ascii("content-type:").ascii(contentType(contentType)).newline();
    }
    for (byte b : bodyDigest) {
      append(HEX_LOWER[(b >> 4) & 0xf]);
      append(HEX_LOWER[b & 0xf]);
    }
  }

  private RawCanonical path(String rawPath) {
    if (rawPath.isEmpty()) {
      return ascii("/");
    }
    percentNormalize(rawPath.getBytes(StandardCharsets.UTF_8), "!$&'()*+,;=:@/");
    return this;
  }

  private RawCanonical query(@Nullable String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return this;
    }
    List<byte[]> parts = new ArrayList<>();
    for (String part : rawQuery.split("&")) {
      if (!part.isEmpty()) {
        int start = length;
        percentNormalize(part.getBytes(StandardCharsets.UTF_8), "=+");
        parts.add(Arrays.copyOfRange(buffer, start, length));
        length = start;
      }
    }
    parts.sort(Arrays::compareUnsigned);
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        append('&');
      }
      for (byte b : parts.get(i)) {
        append(b);
      }
    }
    return this;
  }

  /** §3.1 on UTF-8 bytes, with the given delimiters kept literal. */
  private void percentNormalize(byte[] in, String keep) {
    for (int i = 0; i < in.length; i++) {
      int b = in[i] & 0xff;
      if (b == '%' && i + 2 < in.length && isHex(in[i + 1]) && isHex(in[i + 2])) {
        int decoded = Character.digit(in[i + 1], 16) << 4 | Character.digit(in[i + 2], 16);
        i += 2;
        if (isUnreserved(decoded)) {
          append(decoded);
        } else {
          encoded(decoded);
        }
      } else if (b != '%' && (isUnreserved(b) || (b < 128 && keep.indexOf(b) >= 0))) {
        append(b);
      } else {
        encoded(b);
      }
    }
  }

  /** §3.4: media type and parameter names lowercased, charset unquoted and lowercased. */
  private static String contentType(String value) {
    List<String> pieces = new ArrayList<>();
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ';' && !quoted) {
        pieces.add(value.substring(start, i));
        start = i + 1;
      }
    }
    pieces.add(value.substring(start));
    StringBuilder out = new StringBuilder(lower(trim(pieces.get(0))));
    for (String piece : pieces.subList(1, pieces.size())) {
      String parameter = trim(piece);
      if (parameter.isEmpty()) {
        continue;
      }
      int eq = parameter.indexOf('=');
      String name = lower(trim(eq < 0 ? parameter : parameter.substring(0, eq)));
      String v = eq < 0 ? "" : trim(parameter.substring(eq + 1));
      if (name.equals("charset")) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        v = lower(v);
      }
      out.append(';').append(name).append('=').append(v);
    }
    return out.toString();
  }

  private static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
      start++;
    }
    while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
      end--;
    }
    return s.substring(start, end);
  }

  private static String lower(String s) {
    char[] chars = s.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] += 32;
      }
    }
    return new String(chars);
  }

  private static boolean isUnreserved(int b) {
    return (b >= 'A' && b <= 'Z')
        || (b >= 'a' && b <= 'z')
        || (b >= '0' && b <= '9')
        || b == '-'
        || b == '.'
        || b == '_'
        || b == '~';
  }

  private static boolean isHex(byte b) {
    return Character.digit(b, 16) >= 0;
  }

  private void encoded(int b) {
    append('%');
    append(HEX_UPPER[b >> 4]);
    append(HEX_UPPER[b & 0xf]);
  }

  private RawCanonical ascii(String s) {
    for (int i = 0; i < s.length(); i++) {
      append(s.charAt(i));
    }
    return this;
  }

  private void newline() {
    append('\n');
  }

  private void append(int b) {
    if (length == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    buffer[length++] = (byte) b;
  }
}
