package dev.hmacsigned.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The canonical forms of protocol v1 (Amendment 1): what the path, the query, {@code host} and
 * {@code content-type} become before they enter the canonical string. Containers rewrite these
 * parts of a request (Jersey re-encodes the query, Jetty rewrites a charset's case, HTTP/2 has no
 * {@code Host}), so signer and verifier both sign a form that survives them. This class is the only
 * place those rules are written.
 */
public final class CanonicalForms {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** Path delimiters kept literal: everything legal in a path segment, and {@code /}. */
  private static final boolean[] PATH_KEEP = keep("!$&'()*+,;=:@/");

  /** Query delimiters kept literal inside one {@code &}-separated part. */
  private static final boolean[] QUERY_KEEP = keep("=+");

  private CanonicalForms() {}

  /**
   * The canonical path: percent-normalized with the path's delimiters kept literal; {@code /} when
   * empty. No dot-segment removal.
   *
   * @param rawPath the raw path, or {@code null}
   * @return the canonical path, ASCII only
   */
  public static String path(@Nullable String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    Utf8Builder out = new Utf8Builder(rawPath.length() + 8);
    appendPath(rawPath, out);
    return out.toString();
  }

  /**
   * Appends the canonical path ({@link #path}) to the canonical string being built.
   *
   * @param rawPath the raw path, or {@code null}
   * @param out the canonical string
   */
  public static void appendPath(@Nullable String rawPath, Utf8Builder out) {
    if (rawPath == null || rawPath.isEmpty()) {
      out.appendAscii('/');
    } else {
      percentNormalize(rawPath, 0, rawPath.length(), PATH_KEEP, out);
    }
  }

  /**
   * The canonical query: the raw query split on literal {@code &}, empty parts dropped, each part
   * percent-normalized with {@code =} and {@code +} kept literal, sorted by byte order, joined with
   * {@code &}.
   *
   * @param rawQuery the raw query without {@code ?}, or {@code null}
   * @return the canonical query, empty when there is none; ASCII only
   */
  public static String query(@Nullable String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    Utf8Builder out = new Utf8Builder(rawQuery.length() + 8);
    appendQuery(rawQuery, out);
    return out.toString();
  }

  /**
   * Appends the canonical query ({@link #query}) to the canonical string being built: each part is
   * normalized in place, and the parts are reordered only when they are not already in order.
   *
   * @param rawQuery the raw query without {@code ?}, or {@code null}
   * @param out the canonical string
   */
  public static void appendQuery(@Nullable String rawQuery, Utf8Builder out) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return;
    }
    int base = out.length();
    // bounds[2k], bounds[2k + 1]: where the k-th normalized part starts and ends in out.
    int[] bounds = new int[8];
    int parts = 0;
    boolean sorted = true;
    int start = 0;
    while (start <= rawQuery.length()) {
      int end = rawQuery.indexOf('&', start);
      if (end < 0) {
        end = rawQuery.length();
      }
      if (end > start) {
        if (parts > 0) {
          out.appendAscii('&');
        }
        int partStart = out.length();
        percentNormalize(rawQuery, start, end, QUERY_KEEP, out);
        if (2 * parts + 2 > bounds.length) {
          bounds = Arrays.copyOf(bounds, bounds.length * 2);
        }
        bounds[2 * parts] = partStart;
        bounds[2 * parts + 1] = out.length();
        if (parts > 0
            && compareParts(out.array(), bounds, parts - 1, out.array(), bounds, parts) > 0) {
          sorted = false;
        }
        parts++;
      }
      start = end + 1;
    }
    if (!sorted) {
      sortParts(out, base, bounds, parts);
    }
  }

  /** Parts at most this many are sorted by insertion, in place, with nothing boxed. */
  private static final int INSERTION_SORT_PARTS = 32;

  /**
   * Rewrites the parts written from {@code base} in byte order (normalized parts are ASCII, where
   * byte order is also the order of their strings). A query has a few parts: they are sorted by
   * insertion over their indexes (stable, like the sort of a longer list); the parts are then
   * copied back in that order from a copy of what was written from {@code base}.
   */
  private static void sortParts(Utf8Builder out, int base, int[] bounds, int parts) {
    byte[] array = out.array();
    int[] order = new int[parts];
    for (int i = 0; i < parts; i++) {
      order[i] = i;
    }
    if (parts <= INSERTION_SORT_PARTS) {
      for (int i = 1; i < parts; i++) {
        int part = order[i];
        int j = i - 1;
        while (j >= 0 && compareParts(array, bounds, order[j], array, bounds, part) > 0) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = part;
      }
    } else {
      Integer[] boxed = new Integer[parts];
      for (int i = 0; i < parts; i++) {
        boxed[i] = i;
      }
      Arrays.sort(boxed, (a, b) -> compareParts(array, bounds, a, array, bounds, b));
      for (int i = 0; i < parts; i++) {
        order[i] = boxed[i];
      }
    }
    byte[] written = Arrays.copyOfRange(array, base, out.length());
    out.truncate(base);
    for (int i = 0; i < parts; i++) {
      if (i > 0) {
        out.appendAscii('&');
      }
      int part = order[i];
      int start = bounds[2 * part];
      out.appendBytes(written, start - base, bounds[2 * part + 1] - start);
    }
  }

  private static int compareParts(
      byte[] a, int[] aBounds, int aPart, byte[] b, int[] bBounds, int bPart) {
    return Arrays.compareUnsigned(
        a,
        aBounds[2 * aPart],
        aBounds[2 * aPart + 1],
        b,
        bBounds[2 * bPart],
        bBounds[2 * bPart + 1]);
  }

  /**
   * The canonical {@code host} value: lowercased ({@code A-Z} only; other characters as sent).
   *
   * @param value the Host value, or the authority the request was received on
   * @return the value lowercased
   */
  public static String host(String value) {
    return asciiLowercase(value);
  }

  /**
   * The canonical {@code content-type} value: split on {@code ;} outside double quotes; the media
   * type trimmed and lowercased ({@code A-Z} only, as everywhere here); each non-empty parameter as
   * {@code name=value}, split at its first {@code =}, the name lowercased and both trimmed; the
   * value of {@code charset} also unquoted and lowercased; other values kept as sent (a multipart
   * boundary is case-sensitive); joined with {@code ;} and no spaces. {@code Text/Plain;
   * Charset="UTF-8"} becomes {@code text/plain;charset=utf-8}.
   *
   * @param value the Content-Type value (several lines already joined)
   * @return the canonical value
   */
  public static String contentType(String value) {
    Utf8Builder out = new Utf8Builder(value.length() + 8);
    appendContentType(value, out);
    return out.toString();
  }

  /**
   * Appends the canonical {@code content-type} value ({@link #contentType}) to the canonical string
   * being built.
   *
   * @param value the Content-Type value (several lines already joined)
   * @param out the canonical string
   */
  public static void appendContentType(String value, Utf8Builder out) {
    boolean quoted = false;
    int pieceStart = 0;
    boolean mediaType = true;
    for (int i = 0; i <= value.length(); i++) {
      char c = i < value.length() ? value.charAt(i) : ';';
      if (i < value.length() && c == '"') {
        quoted = !quoted;
      } else if (i == value.length() || (c == ';' && !quoted)) {
        if (mediaType) {
          out.appendAsciiLowercase(
              value, HttpText.trimStart(value, 0, i), HttpText.trimEnd(value, 0, i));
          mediaType = false;
        } else {
          appendParameter(
              value,
              HttpText.trimStart(value, pieceStart, i),
              HttpText.trimEnd(value, pieceStart, i),
              out);
        }
        pieceStart = i + 1;
      }
    }
  }

  /** One {@code name=value} parameter of a content type, already trimmed; nothing if empty. */
  private static void appendParameter(String value, int start, int end, Utf8Builder out) {
    if (start == end) {
      return;
    }
    int eq = value.indexOf('=', start);
    if (eq >= end) {
      eq = -1;
    }
    int nameStart = start;
    int nameEnd = eq < 0 ? end : HttpText.trimEnd(value, start, eq);
    out.appendAscii(';').appendAsciiLowercase(value, nameStart, nameEnd).appendAscii('=');
    if (eq < 0) {
      return;
    }
    int valueStart = HttpText.trimStart(value, eq + 1, end);
    int valueEnd = end;
    if (isCharset(value, nameStart, nameEnd)) {
      if (valueEnd - valueStart >= 2
          && value.charAt(valueStart) == '"'
          && value.charAt(valueEnd - 1) == '"') {
        valueStart++;
        valueEnd--;
      }
      out.appendAsciiLowercase(value, valueStart, valueEnd);
    } else {
      out.append(value, valueStart, valueEnd);
    }
  }

  /** Whether a parameter name is {@code charset} once {@code A-Z} are lowercased (ASCII only). */
  private static boolean isCharset(String value, int start, int end) {
    String charset = "charset";
    if (end - start != charset.length()) {
      return false;
    }
    for (int i = 0; i < charset.length(); i++) {
      char c = value.charAt(start + i);
      if ((c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) != charset.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a covered header value can be signed: visible ASCII ({@code 0x21}-{@code 0x7E}), space
   * and horizontal tab only. Servers decode other bytes differently (Jetty as ISO-8859-1, others as
   * UTF-8), so the value a server would sign is not the one the client sent.
   *
   * @param value a header value as the request shows it
   * @return whether every character is allowed
   */
  public static boolean isCoverableValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 || c > 0x7e) && c != '\t') {
        return false;
      }
    }
    return true;
  }

  /**
   * Percent-normalizes a string on its UTF-8 bytes: {@code %} and two hex digits (any case) is the
   * byte they encode, emitted literally when unreserved and as {@code %XX} (uppercase) otherwise;
   * any other unreserved or kept byte is emitted as is; every other byte, a lone {@code %}
   * included, is emitted as {@code %XX}.
   */
  static String percentNormalize(String value, boolean[] keep) {
    Utf8Builder out = new Utf8Builder(value.length() + 8);
    percentNormalize(value, 0, value.length(), keep, out);
    return out.toString();
  }

  /**
   * Percent-normalizes a range of a string onto the canonical string. An ASCII range is read as it
   * is (its characters are its UTF-8 bytes); a range with other characters is encoded as UTF-8
   * first.
   */
  private static void percentNormalize(
      String value, int start, int end, boolean[] keep, Utf8Builder out) {
    for (int i = start; i < end; i++) {
      if (value.charAt(i) >= 0x80) {
        // One char per UTF-8 byte, so that the loop below reads bytes either way.
        String bytes =
            new String(
                value.substring(start, end).getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);
        percentNormalizeBytes(bytes, 0, bytes.length(), keep, out);
        return;
      }
    }
    percentNormalizeBytes(value, start, end, keep, out);
  }

  /** §3.1 over a range whose every character is one byte (below 0x100). */
  private static void percentNormalizeBytes(
      String bytes, int start, int end, boolean[] keep, Utf8Builder out) {
    for (int i = start; i < end; i++) {
      int b = bytes.charAt(i);
      if (b == '%' && i + 2 < end && isHex(bytes.charAt(i + 1)) && isHex(bytes.charAt(i + 2))) {
        int decoded = (hexValue(bytes.charAt(i + 1)) << 4) | hexValue(bytes.charAt(i + 2));
        i += 2;
        if (isUnreserved(decoded)) {
          out.appendByte(decoded);
        } else {
          appendEncoded(out, decoded);
        }
      } else if (b != '%' && (isUnreserved(b) || (b < 128 && keep[b]))) {
        out.appendByte(b);
      } else {
        appendEncoded(out, b);
      }
    }
  }

  /**
   * Lowercases {@code A-Z} and nothing else: the same in every language, whatever its Unicode
   * tables (Java's, JavaScript's and Python's lowercase some non-ASCII letters differently).
   */
  static String asciiLowercase(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        char[] chars = value.toCharArray();
        for (int j = i; j < chars.length; j++) {
          if (chars[j] >= 'A' && chars[j] <= 'Z') {
            chars[j] = (char) (chars[j] + ('a' - 'A'));
          }
        }
        return String.valueOf(chars);
      }
    }
    return value;
  }

  private static void appendEncoded(Utf8Builder out, int b) {
    out.appendAscii('%').appendAscii(HEX[b >> 4]).appendAscii(HEX[b & 0xf]);
  }

  /**
   * Whether a character (or byte) is unreserved in RFC 3986: {@code A-Z a-z 0-9 - . _ ~}, always
   * written literally in a canonical path or query; a key id is made of these too.
   *
   * @param b a character or an unsigned byte
   * @return whether it is unreserved
   */
  public static boolean isUnreserved(int b) {
    return (b >= 'A' && b <= 'Z')
        || (b >= 'a' && b <= 'z')
        || (b >= '0' && b <= '9')
        || b == '-'
        || b == '.'
        || b == '_'
        || b == '~';
  }

  private static boolean isHex(char b) {
    return (b >= '0' && b <= '9') || (b >= 'A' && b <= 'F') || (b >= 'a' && b <= 'f');
  }

  private static int hexValue(char b) {
    return b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
  }

  private static boolean[] keep(String delimiters) {
    boolean[] keep = new boolean[128];
    for (int i = 0; i < delimiters.length(); i++) {
      keep[delimiters.charAt(i)] = true;
    }
    return keep;
  }
}
