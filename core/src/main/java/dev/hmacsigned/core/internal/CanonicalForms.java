package dev.hmacsigned.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
    return percentNormalize(rawPath, PATH_KEEP);
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
    List<String> parts = new ArrayList<>();
    int start = 0;
    while (start <= rawQuery.length()) {
      int end = rawQuery.indexOf('&', start);
      if (end < 0) {
        end = rawQuery.length();
      }
      if (end > start) {
        parts.add(percentNormalize(rawQuery.substring(start, end), QUERY_KEEP));
      }
      start = end + 1;
    }
    // Normalized parts are ASCII, where String order is byte order.
    parts.sort(null);
    return String.join("&", parts);
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
    List<String> pieces = splitOutsideQuotes(value);
    StringBuilder out = new StringBuilder(value.length());
    out.append(asciiLowercase(HttpText.trimOws(pieces.get(0))));
    for (int i = 1; i < pieces.size(); i++) {
      String parameter = HttpText.trimOws(pieces.get(i));
      if (parameter.isEmpty()) {
        continue;
      }
      int eq = parameter.indexOf('=');
      String name =
          asciiLowercase(HttpText.trimOws(eq < 0 ? parameter : parameter.substring(0, eq)));
      String parameterValue = eq < 0 ? "" : HttpText.trimOws(parameter.substring(eq + 1));
      if (name.equals("charset")) {
        parameterValue = asciiLowercase(unquote(parameterValue));
      }
      out.append(';').append(name).append('=').append(parameterValue);
    }
    return out.toString();
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
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 8);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      if (b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
        int decoded = (hexValue(bytes[i + 1]) << 4) | hexValue(bytes[i + 2]);
        i += 2;
        if (isUnreserved(decoded)) {
          out.append((char) decoded);
        } else {
          appendEncoded(out, decoded);
        }
      } else if (b != '%' && (isUnreserved(b) || (b < 128 && keep[b]))) {
        out.append((char) b);
      } else {
        appendEncoded(out, b);
      }
    }
    return out.toString();
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

  private static List<String> splitOutsideQuotes(String value) {
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
    return pieces;
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  private static void appendEncoded(StringBuilder out, int b) {
    out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
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
    return (b >= '0' && b <= '9') || (b >= 'A' && b <= 'F') || (b >= 'a' && b <= 'f');
  }

  private static int hexValue(byte b) {
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
