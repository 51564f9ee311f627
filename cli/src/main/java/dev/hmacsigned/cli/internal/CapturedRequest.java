package dev.hmacsigned.cli.internal;

import dev.hmacsigned.core.RequestView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A raw HTTP/1.1 request as captured with {@code nc -l} or a proxy: request line, header lines,
 * blank line, body. Lines may end in CRLF or LF. The body is framed as a server frames it: by
 * {@code Transfer-Encoding: chunked} (decoded), else by {@code Content-Length}, else there is none.
 *
 * <p>The request target may be in origin form ({@code /path?query}) or, as a proxy receives it, in
 * absolute form ({@code http://host/path?query}), whose authority then stands in for a missing
 * {@code Host}. Header bytes are read as ISO-8859-1, as Jetty reads them, so a byte outside ASCII
 * reaches the verifier as it would on a server.
 */
final class CapturedRequest implements RequestView {
  private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

  private final String method;
  private final String rawPath;
  private final @Nullable String rawQuery;
  private final @Nullable String authority;
  private final List<Map.Entry<String, String>> headers;
  private final byte[] body;
  private final int ignoredBytes;

  private CapturedRequest(
      String method,
      String rawPath,
      @Nullable String rawQuery,
      @Nullable String authority,
      List<Map.Entry<String, String>> headers,
      byte[] body,
      int ignoredBytes) {
    this.method = method;
    this.rawPath = rawPath;
    this.rawQuery = rawQuery;
    this.authority = authority;
    this.headers = headers;
    this.body = body;
    this.ignoredBytes = ignoredBytes;
  }

  /**
   * Reads a captured request.
   *
   * @param bytes the capture
   * @return the request
   * @throws UsageException if the bytes are not an HTTP/1.x request; the message names the line
   */
  static CapturedRequest parse(byte[] bytes) {
    List<String> lines = new ArrayList<>();
    int bodyStart = -1;
    for (int pos = 0; pos < bytes.length; ) {
      int lineEnd = indexOf(bytes, pos, (byte) '\n');
      if (lineEnd < 0) {
        break;
      }
      int contentEnd = lineEnd > pos && bytes[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
      String line = new String(bytes, pos, contentEnd - pos, StandardCharsets.ISO_8859_1);
      pos = lineEnd + 1;
      if (line.isEmpty()) {
        if (lines.isEmpty()) {
          continue; // an empty line before the request line is ignored, as servers do
        }
        bodyStart = pos;
        break;
      }
      lines.add(line);
    }
    if (bodyStart < 0) {
      throw new UsageException(
          "the request has no blank line after its headers: it is not a whole HTTP request");
    }

    String[] requestLine = lines.get(0).split(" ", -1);
    if (requestLine.length != 3
        || !requestLine[0].matches(TOKEN)
        || !requestLine[2].matches("HTTP/1\\.[01]")) {
      throw new UsageException(
          "line 1 is not a request line of HTTP/1.x ('METHOD TARGET HTTP/1.1')");
    }
    String method = requestLine[0];
    String target = requestLine[1];

    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith(" ") || line.startsWith("\t")) {
        throw new UsageException(
            "line " + (i + 1) + " continues a header (obsolete line folding): servers refuse it");
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || !line.substring(0, colon).matches(TOKEN)) {
        throw new UsageException("line " + (i + 1) + " is not a header line ('Name: value')");
      }
      headers.add(Map.entry(line.substring(0, colon), trimOws(line.substring(colon + 1))));
    }

    String authority = null;
    String pathAndQuery;
    if (target.startsWith("/") || target.equals("*")) {
      pathAndQuery = target;
    } else {
      String lower = target.toLowerCase(Locale.ROOT);
      int schemeEnd = lower.startsWith("http://") ? 7 : lower.startsWith("https://") ? 8 : -1;
      if (schemeEnd < 0) {
        throw new UsageException(
            "line 1: the request target is neither /path nor http(s)://host/path");
      }
      int pathStart = indexOfAny(target, schemeEnd, "/?");
      authority = target.substring(schemeEnd, pathStart < 0 ? target.length() : pathStart);
      int at = authority.lastIndexOf('@');
      if (at >= 0) {
        authority = authority.substring(at + 1);
      }
      pathAndQuery = pathStart < 0 ? "" : target.substring(pathStart);
    }
    int question = pathAndQuery.indexOf('?');
    String rawPath = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
    String rawQuery = question < 0 ? null : pathAndQuery.substring(question + 1);

    byte[] rest = Arrays.copyOfRange(bytes, bodyStart, bytes.length);
    byte[] body;
    int ignored;
    List<String> transferEncoding = values(headers, "transfer-encoding");
    List<String> contentLength = values(headers, "content-length");
    if (!transferEncoding.isEmpty()) {
      String codings = String.join(",", transferEncoding).toLowerCase(Locale.ROOT);
      if (!codings.strip().endsWith("chunked")) {
        throw new UsageException("Transfer-Encoding without chunked last: servers refuse it");
      }
      int[] consumed = new int[1];
      body = dechunk(rest, consumed);
      ignored = rest.length - consumed[0];
    } else if (!contentLength.isEmpty()) {
      long length = contentLength(contentLength);
      if (length > rest.length) {
        throw new UsageException(
            "Content-Length is "
                + length
                + " but the capture has "
                + rest.length
                + " bytes after the headers: it was cut short");
      }
      body = Arrays.copyOf(rest, (int) length);
      ignored = rest.length - (int) length;
    } else {
      body = new byte[0];
      ignored = rest.length;
    }
    return new CapturedRequest(
        method, rawPath, rawQuery, authority, List.copyOf(headers), body, ignored);
  }

  private static long contentLength(List<String> values) {
    String first = null;
    for (String value : values) {
      for (String part : value.split(",", -1)) {
        String p = trimOws(part);
        if (!p.matches("[0-9]{1,10}")) {
          throw new UsageException("Content-Length is not a number: servers refuse the request");
        }
        if (first != null && !first.equals(p)) {
          throw new UsageException("Content-Length has two values: servers refuse the request");
        }
        first = p;
      }
    }
    long length = Long.parseLong(first);
    if (length > Integer.MAX_VALUE - 16) {
      throw new UsageException("Content-Length is too large for a captured request");
    }
    return length;
  }

  private static byte[] dechunk(byte[] rest, int[] consumed) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int i = 0;
    while (true) {
      int lineEnd = indexOf(rest, i, (byte) '\n');
      if (lineEnd < 0) {
        throw new UsageException("the chunked body is cut short");
      }
      String sizeLine = new String(rest, i, lineEnd - i, StandardCharsets.ISO_8859_1).strip();
      int semicolon = sizeLine.indexOf(';');
      String hex = semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon).strip();
      if (!hex.matches("[0-9A-Fa-f]{1,7}")) {
        throw new UsageException("the chunked body has a bad chunk size");
      }
      int size = Integer.parseInt(hex, 16);
      i = lineEnd + 1;
      if (size == 0) {
        // trailer lines up to a blank line
        while (true) {
          int end = indexOf(rest, i, (byte) '\n');
          if (end < 0) {
            consumed[0] = rest.length;
            return body.toByteArray();
          }
          boolean blank = end == i || (end == i + 1 && rest[i] == '\r');
          i = end + 1;
          if (blank) {
            consumed[0] = i;
            return body.toByteArray();
          }
        }
      }
      if (i + size > rest.length) {
        throw new UsageException("the chunked body is cut short");
      }
      body.write(rest, i, size);
      i += size;
      if (i < rest.length && rest[i] == '\r') {
        i++;
      }
      if (i < rest.length && rest[i] == '\n') {
        i++;
      } else {
        throw new UsageException("the chunked body has no line break after a chunk");
      }
    }
  }

  private static int indexOf(byte[] bytes, int from, byte b) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOfAny(String s, int from, String chars) {
    for (int i = from; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static String trimOws(String s) {
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

  private static List<String> values(List<Map.Entry<String, String>> headers, String name) {
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, String> header : headers) {
      if (header.getKey().equalsIgnoreCase(name)) {
        values.add(header.getValue());
      }
    }
    return values;
  }

  /**
   * Bytes after the request that belong to no part of it (a second request, or a body without
   * {@code Content-Length}).
   *
   * @return the count
   */
  int ignoredBytes() {
    return ignoredBytes;
  }

  /**
   * The body as the server would read it.
   *
   * @return the bytes
   */
  byte[] bodyBytes() {
    return body.clone();
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public String rawPath() {
    return rawPath;
  }

  @Override
  public @Nullable String rawQuery() {
    return rawQuery;
  }

  @Override
  public List<String> headers(String name) {
    return values(headers, name);
  }

  @Override
  public InputStream body() {
    return new ByteArrayInputStream(body);
  }

  @Override
  public @Nullable String authority() {
    return authority;
  }
}
