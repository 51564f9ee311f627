package dev.hmacsigned.servlet;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raw HTTP/1.1 over a socket, so that a test controls every byte a client sends: duplicate headers,
 * a method or path other than the signed one, a body that differs from its digest.
 */
final class Wire {
  private static final Pattern CODE = Pattern.compile("\"code\":\"([a-z_]+)\"");

  private final int port;

  Wire(int port) {
    this.port = port;
  }

  int port() {
    return port;
  }

  /** A request with {@code Host: localhost:port}, nothing else. */
  Request request(String method, String target) {
    return new Request(method, target).header("Host", "localhost:" + port);
  }

  Request get(String target) {
    return request("GET", target);
  }

  Request post(String target, String contentType, byte[] body) {
    return request("POST", target).header("Content-Type", contentType).body(body);
  }

  /** One request: what goes on the wire, line by line. */
  final class Request {
    private String method;
    private String target;
    private final List<String[]> headers = new ArrayList<>();
    private byte[] body;
    private String version = "HTTP/1.1";

    private Request(String method, String target) {
      this.method = method;
      this.target = target;
    }

    Request header(String name, String value) {
      headers.add(new String[] {name, value});
      return this;
    }

    Request replaceHeader(String name, String value) {
      removeHeader(name);
      return header(name, value);
    }

    Request removeHeader(String name) {
      headers.removeIf(h -> h[0].equalsIgnoreCase(name));
      return this;
    }

    String header(String name) {
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase(name)) {
          return h[1];
        }
      }
      return null;
    }

    Request method(String method) {
      this.method = method;
      return this;
    }

    Request target(String target) {
      this.target = target;
      return this;
    }

    Request body(byte[] body) {
      this.body = body;
      return this;
    }

    /** Sends the request as HTTP/1.0, where a {@code Host} header is optional. */
    Request http10() {
      this.version = "HTTP/1.0";
      return this;
    }

    /** Signs what is set so far and adds {@code Authorization} and {@code Content-Digest}. */
    Request signedWith(HmacSigner signer) {
      int q = target.indexOf('?');
      String path = q < 0 ? target : target.substring(0, q);
      String query = q < 0 ? null : target.substring(q + 1);
      Map<String, List<String>> map = new LinkedHashMap<>();
      for (String[] h : headers) {
        map.computeIfAbsent(h[0], k -> new ArrayList<>()).add(h[1]);
      }
      SignedHeaders signed = signer.sign(method, path, query, map, body);
      header("Authorization", signed.authorization());
      signed.contentDigestHeader().ifPresent(d -> header("Content-Digest", d));
      return this;
    }

    Response send() throws IOException {
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(target).append(' ').append(version).append("\r\n");
      for (String[] h : headers) {
        head.append(h[0]).append(": ").append(h[1]).append("\r\n");
      }
      if (body != null) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      head.append("Connection: close\r\n\r\n");
      try (Socket socket = new Socket("localhost", port)) {
        socket.setSoTimeout(60_000);
        OutputStream out = socket.getOutputStream();
        try {
          out.write(head.toString().getBytes(StandardCharsets.UTF_8));
          if (body != null) {
            out.write(body);
          }
          out.flush();
        } catch (IOException e) {
          // The server may answer (413) and close before the whole body is written: read on.
        }
        return Response.read(socket.getInputStream());
      }
    }
  }

  /** A parsed response. */
  record Response(int status, List<String[]> headerLines, byte[] body) {

    List<String> headers(String name) {
      List<String> values = new ArrayList<>();
      for (String[] h : headerLines) {
        if (h[0].equalsIgnoreCase(name)) {
          values.add(h[1]);
        }
      }
      return values;
    }

    String header(String name) {
      List<String> values = headers(name);
      return values.isEmpty() ? null : values.get(0);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The {@code code} of a problem document, or {@code null}. */
    String problemCode() {
      Matcher m = CODE.matcher(text());
      return m.find() ? m.group(1) : null;
    }

    static Response read(InputStream in) throws IOException {
      String statusLine = line(in);
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      List<String[]> headers = new ArrayList<>();
      for (String line = line(in); !line.isEmpty(); line = line(in)) {
        int colon = line.indexOf(':');
        headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1).strip()});
      }
      Response partial = new Response(status, headers, new byte[0]);
      String length = partial.header("Content-Length");
      String encoding = partial.header("Transfer-Encoding");
      byte[] body;
      if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line(in).split(";")[0].strip(), 16);
            size > 0;
            size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) {
          out.write(in.readNBytes(size));
          line(in);
        }
        body = out.toByteArray();
      } else if (length != null) {
        body = in.readNBytes(Integer.parseInt(length));
      } else {
        body = in.readAllBytes();
      }
      return new Response(status, headers, body);
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

    @Override
    public String toString() {
      return "Response[" + status + ", " + text() + "]";
    }
  }
}
