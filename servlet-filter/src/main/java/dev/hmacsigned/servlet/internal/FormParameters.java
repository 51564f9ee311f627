package dev.hmacsigned.servlet.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes {@code application/x-www-form-urlencoded} data (the WHATWG URL standard's parser): pairs
 * separated by {@code &}, name and value separated by the first {@code =}, {@code +} for a space,
 * {@code %XX} for a byte, the bytes decoded with a charset.
 *
 * <p>Lenient by design: the data comes from a caller, and a malformed escape must not turn into a
 * server error. A {@code %} not followed by two hex digits is kept as it is, and bytes that are not
 * valid in the charset become U+FFFD.
 */
final class FormParameters {
  private FormParameters() {}

  /**
   * Adds the pairs of a form to a map, in order; repeated names collect their values in order.
   *
   * @param data the raw form bytes (ASCII-compatible)
   * @param charset the charset of the decoded bytes
   * @param into the map to add to
   */
  static void parse(byte[] data, Charset charset, Map<String, List<String>> into) {
    int start = 0;
    while (start <= data.length) {
      int end = indexOf(data, (byte) '&', start, data.length);
      if (end > start) {
        int eq = indexOf(data, (byte) '=', start, end);
        String name = decode(data, start, eq, charset);
        String value = eq < end ? decode(data, eq + 1, end, charset) : "";
        into.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
      }
      start = end + 1;
    }
  }

  private static int indexOf(byte[] data, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return to;
  }

  private static String decode(byte[] data, int from, int to, Charset charset) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      byte b = data[i];
      int high;
      int low;
      if (b == '+') {
        out.write(' ');
      } else if (b == '%'
          && i + 2 < to
          && (high = Character.digit(data[i + 1], 16)) >= 0
          && (low = Character.digit(data[i + 2], 16)) >= 0) {
        out.write(high << 4 | low);
        i += 2;
      } else {
        out.write(b);
      }
    }
    return out.toString(charset);
  }
}
