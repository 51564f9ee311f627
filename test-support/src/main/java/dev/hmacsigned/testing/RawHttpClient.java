package dev.hmacsigned.testing;

import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.SignedHeaders;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 over a plain socket, for tests that must control every byte a client sends: duplicate
 * headers, a method, target or host other than the signed one, a body that differs from its digest,
 * no {@code Host} at all. No HTTP client library would send these as written.
 *
 * <p>Each request goes on a new connection with {@code Connection: close}. The client adds {@code
 * Content-Length} when the request has a body (also an empty one) and nothing else; the target is
 * sent exactly as given, never encoded. The body is written from a thread of its own, so that a
 * server that answers before it has read the whole body (413) is heard rather than waited on.
 *
 * <pre>{@code
 * RawHttpClient http = RawHttpClient.to("localhost", port);
 * RawHttpClient.Response response =
 *     http.post("/app/echo?a=1", "application/json", body)
 *         .signedWith(signer)
 *         .replaceHeader("X-Tenant", "evil") // after signing: a tampered request
 *         .send();
 * }</pre>
 */
public final class RawHttpClient {
  private static final int TIMEOUT_MILLIS = 60_000;

  private final String host;
  private final int port;

  private RawHttpClient(String host, int port) {
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
  }

  /**
   * A client of one server.
   *
   * @param host the host to connect to; also the host of the {@code Host} header that {@link
   *     #request} writes
   * @param port the port
   * @return the client
   */
  public static RawHttpClient to(String host, int port) {
    return new RawHttpClient(host, port);
  }

  /**
   * The host this client connects to.
   *
   * @return the host
   */
  public String host() {
    return host;
  }

  /**
   * The port this client connects to.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * A request with one header, {@code Host: host:port}, and no body.
   *
   * @param method the method, as written
   * @param target the request target, as written (path and query, already encoded)
   * @return the request, to complete and send
   */
  public Request request(String method, String target) {
    return new Request(method, target).header("Host", host + ":" + port);
  }

  /**
   * A {@code GET} with a {@code Host} header and no body.
   *
   * @param target the request target, as written
   * @return the request
   */
  public Request get(String target) {
    return request("GET", target);
  }

  /**
   * A {@code POST} with {@code Host} and {@code Content-Type} headers and a body.
   *
   * @param target the request target, as written
   * @param contentType the {@code Content-Type}, as written
   * @param body the body
   * @return the request
   */
  public Request post(String target, String contentType, byte[] body) {
    return request("POST", target).header("Content-Type", contentType).body(body);
  }

  /**
   * One request: what goes on the wire, line by line. Mutable, for building and tampering; {@link
   * #send} changes nothing, so a built request may be sent again (a replay), also from several
   * threads at once.
   */
  public final class Request {
    private String method;
    private String target;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private byte[] body;
    private String version = "HTTP/1.1";

    private Request(String method, String target) {
      this.method = method;
      this.target = target;
    }

    /**
     * Adds a header line after the others, also when one of that name is there already.
     *
     * @param name the name, as written
     * @param value the value, as written
     * @return this request
     */
    public Request header(String name, String value) {
      headers.add(Map.entry(name, value));
      return this;
    }

    /**
     * Removes every header line of that name (in any case) and adds one at the end.
     *
     * @param name the name
     * @param value the value
     * @return this request
     */
    public Request replaceHeader(String name, String value) {
      removeHeader(name);
      return header(name, value);
    }

    /**
     * Removes every header line of that name, in any case.
     *
     * @param name the name
     * @return this request
     */
    public Request removeHeader(String name) {
      headers.removeIf(h -> h.getKey().equalsIgnoreCase(name));
      return this;
    }

    /**
     * The first value of a header, by name in any case.
     *
     * @param name the name
     * @return the value, or {@code null} if there is no such header line
     */
    public String header(String name) {
      for (Map.Entry<String, String> h : headers) {
        if (h.getKey().equalsIgnoreCase(name)) {
          return h.getValue();
        }
      }
      return null;
    }

    /**
     * Replaces the method.
     *
     * @param method the method, as written
     * @return this request
     */
    public Request method(String method) {
      this.method = method;
      return this;
    }

    /**
     * Replaces the request target.
     *
     * @param target the target, as written
     * @return this request
     */
    public Request target(String target) {
      this.target = target;
      return this;
    }

    /**
     * Replaces the body; {@code null} for none (no {@code Content-Length} either).
     *
     * @param body the body
     * @return this request
     */
    public Request body(byte[] body) {
      this.body = body;
      return this;
    }

    /**
     * Sends the request as HTTP/1.0, where a {@code Host} header is optional.
     *
     * @return this request
     */
    public Request http10() {
      this.version = "HTTP/1.0";
      return this;
    }

    /**
     * Signs the request as it stands (method, target split at its first {@code ?}, every header
     * line, body) and adds {@code Authorization} and, for a body, {@code Content-Digest}.
     *
     * @param signer the signer
     * @return this request
     */
    public Request signedWith(HmacSigner signer) {
      int q = target.indexOf('?');
      String path = q < 0 ? target : target.substring(0, q);
      String query = q < 0 ? null : target.substring(q + 1);
      Map<String, List<String>> byName = new LinkedHashMap<>();
      for (Map.Entry<String, String> h : headers) {
        byName.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue());
      }
      SignedHeaders signed = signer.sign(method, path, query, byName, body);
      header("Authorization", signed.authorization());
      signed.contentDigestHeader().ifPresent(d -> header("Content-Digest", d));
      return this;
    }

    /**
     * Sends the request on a new connection and reads the response.
     *
     * @return the response
     * @throws IOException if the connection fails, or closes before a whole response is read
     */
    public Response send() throws IOException {
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(target).append(' ').append(version).append("\r\n");
      for (Map.Entry<String, String> h : headers) {
        head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
      }
      if (body != null) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      head.append("Connection: close\r\n\r\n");
      byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
      byte[] bodyBytes = body;
      try (Socket socket = new Socket(host, port)) {
        socket.setSoTimeout(TIMEOUT_MILLIS);
        OutputStream out = socket.getOutputStream();
        Thread writer =
            new Thread(
                () -> {
                  try {
                    out.write(headBytes);
                    if (bodyBytes != null) {
                      out.write(bodyBytes);
                    }
                    out.flush();
                  } catch (IOException e) {
                    // The server answered and closed before reading everything: its answer counts.
                  }
                },
                "raw-http-writer");
        writer.setDaemon(true);
        writer.start();
        return Response.read(socket.getInputStream(), method.equals("HEAD"));
      }
    }
  }

  /**
   * A response as read from the socket.
   *
   * @param status the status code
   * @param headerLines every header line, in order, names as the server wrote them
   * @param body the body, de-chunked
   */
  public record Response(int status, List<Map.Entry<String, String>> headerLines, byte[] body) {
    private static final Pattern CODE = Pattern.compile("\"code\":\"([a-z_]+)\"");

    /**
     * Every value of a header, by name in any case, in order.
     *
     * @param name the name
     * @return the values; empty if there is none
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
     * @return the value, or {@code null} if there is none
     */
    public String header(String name) {
      List<String> values = headers(name);
      return values.isEmpty() ? null : values.get(0);
    }

    /**
     * The header lines by lowercase name, each with its values in order.
     *
     * @return the headers
     */
    public Map<String, List<String>> headerMap() {
      Map<String, List<String>> map = new LinkedHashMap<>();
      for (Map.Entry<String, String> h : headerLines) {
        map.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
            .add(h.getValue());
      }
      return map;
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
     * @return the code, or {@code null} if the body has none
     */
    public String problemCode() {
      Matcher m = CODE.matcher(text());
      return m.find() ? m.group(1) : null;
    }

    @Override
    public String toString() {
      return "Response[" + status + ", " + text() + "]";
    }

    static Response read(InputStream in, boolean head) throws IOException {
      int status;
      List<Map.Entry<String, String>> headers;
      do { // interim 1xx responses (100 Continue) have a head only
        status = Integer.parseInt(line(in).split(" ")[1]);
        headers = new ArrayList<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
          int colon = line.indexOf(':');
          headers.add(Map.entry(line.substring(0, colon), line.substring(colon + 1).strip()));
        }
      } while (status >= 100 && status < 200);
      Response partial = new Response(status, headers, new byte[0]);
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
      return new Response(status, headers, body);
    }

    private static int chunkSize(InputStream in) throws IOException {
      return Integer.parseInt(line(in).split(";")[0].strip(), 16);
    }

    private static byte[] exactly(InputStream in, int n) throws IOException {
      byte[] bytes = in.readNBytes(n);
      if (bytes.length < n) {
        throw new EOFException(
            "connection closed after " + bytes.length + " of " + n + " bytes of a response body");
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
}
