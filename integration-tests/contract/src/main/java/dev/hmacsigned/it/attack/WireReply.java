package dev.hmacsigned.it.attack;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What came back on the socket of one {@link Wire}: the final response, the interim ones before it
 * ({@code 100 Continue}), or the error that took its place (no answer at all, a timeout).
 *
 * @param status the final status, or {@code -1} when there was none
 * @param headerLines the final response's header lines, names as the server wrote them
 * @param body the body, de-chunked; empty for a HEAD
 * @param interim the statuses of the interim (1xx) responses, in order
 * @param error why there is no response, or {@code null}
 */
public record WireReply(
    int status,
    List<Map.Entry<String, String>> headerLines,
    byte[] body,
    List<Integer> interim,
    @Nullable String error) {
  private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([a-z_]+)\"");

  /** Copies the lists. */
  public WireReply {
    headerLines = List.copyOf(headerLines);
    interim = List.copyOf(interim);
  }

  /**
   * No response: the connection failed, closed or timed out.
   *
   * @param error what happened
   * @param interim the interim responses read before it
   * @return the reply
   */
  static WireReply failed(String error, List<Integer> interim) {
    return new WireReply(-1, List.of(), new byte[0], interim, error);
  }

  /**
   * Every value of a header, by name in any case, in order.
   *
   * @param name the name
   * @return the values
   */
  public List<String> headers(String name) {
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, String> h : headerLines) {
      if (h.getKey().equalsIgnoreCase(name)) {
        values.add(h.getValue());
      }
    }
    return values;
  }

  /**
   * The first value of a header, by name in any case.
   *
   * @param name the name
   * @return the value, or {@code null}
   */
  public @Nullable String header(String name) {
    List<String> values = headers(name);
    return values.isEmpty() ? null : values.get(0);
  }

  /**
   * The body as UTF-8 text.
   *
   * @return the text
   */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * The {@code code} member of a problem document in the body.
   *
   * @return the code, or {@code null}
   */
  public @Nullable String problemCode() {
    Matcher m = CODE.matcher(text());
    return m.find() ? m.group(1) : null;
  }

  /**
   * Whether the response carries an HMAC challenge: the library answered it.
   *
   * @return whether a {@code WWW-Authenticate} value names an {@code HMAC-} scheme
   */
  public boolean hasHmacChallenge() {
    return headers("WWW-Authenticate").stream().anyMatch(v -> v.contains("HMAC-"));
  }

  /**
   * A short description for a report: status, code, and the start of the body.
   *
   * @return the description
   */
  public String describe() {
    if (status < 0) {
      return "no response (" + error + ")";
    }
    String text = text().replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
    if (text.length() > 160) {
      text = text.substring(0, 160) + "…";
    }
    return status + (interim.isEmpty() ? "" : " after " + interim) + " " + text;
  }

  /** Reads one response (and the interim ones before it); tells {@code onInterim} of each 1xx. */
  static WireReply read(InputStream in, boolean head, Runnable onInterim) throws IOException {
    List<Integer> interim = new ArrayList<>();
    int status;
    List<Map.Entry<String, String>> headers;
    while (true) {
      String statusLine = line(in);
      String[] parts = statusLine.split(" ");
      if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
        throw new IOException("not a status line: " + statusLine);
      }
      status = Integer.parseInt(parts[1]);
      headers = new ArrayList<>();
      for (String line = line(in); !line.isEmpty(); line = line(in)) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.add(Map.entry(line.substring(0, colon), line.substring(colon + 1).strip()));
        }
      }
      if (status >= 200) {
        break;
      }
      interim.add(status);
      onInterim.run();
    }
    WireReply partial = new WireReply(status, headers, new byte[0], interim, null);
    if (head || status == 204 || status == 304) {
      return partial;
    }
    String length = partial.header("Content-Length");
    String encoding = partial.header("Transfer-Encoding");
    byte[] body;
    if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
        out.write(exactly(in, size));
        line(in);
      }
      body = out.toByteArray();
    } else if (length != null) {
      body = exactly(in, Integer.parseInt(length.strip()));
    } else {
      body = in.readAllBytes();
    }
    return new WireReply(status, headers, body, interim, null);
  }

  private static int chunkSize(InputStream in) throws IOException {
    return Integer.parseInt(line(in).split(";")[0].strip(), 16);
  }

  private static byte[] exactly(InputStream in, int n) throws IOException {
    byte[] bytes = in.readNBytes(n);
    if (bytes.length < n) {
      throw new EOFException("connection closed after " + bytes.length + " of " + n + " bytes");
    }
    return bytes;
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("connection closed in the middle of a response head");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
