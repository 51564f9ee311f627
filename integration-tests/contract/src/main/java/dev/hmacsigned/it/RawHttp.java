package dev.hmacsigned.it;

import java.io.ByteArrayOutputStream;
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

/**
 * HTTP/1.1 over a plain socket: sends exactly the bytes a test builds (method, raw target, every
 * header line, body), so tampered and malformed requests reach the server as written.
 */
public final class RawHttp {
  private RawHttp() {}

  /**
   * A response as read from the socket.
   *
   * @param status the status
   * @param headers lowercase names to every value, in order
   * @param body the body, de-chunked
   */
  public record Reply(int status, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null ? null : values.get(0);
    }

    List<String> all(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * Sends one request on a new connection to 127.0.0.1 and reads the answer to its end.
   *
   * @param port the port
   * @param method the method
   * @param target the request target, as written
   * @param headers every header line but {@code Content-Length} and {@code Connection}
   * @param body the body
   * @return the answer
   * @throws IOException if the connection fails
   */
  public static Reply send(
      int port, String method, String target, List<Map.Entry<String, String>> headers, byte[] body)
      throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(60_000);
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      for (Map.Entry<String, String> h : headers) {
        head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
      }
      head.append("Content-Length: ").append(body.length).append("\r\n");
      head.append("Connection: close\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      // Written from another thread: a server may answer (413) before it has read the whole body,
      // and a blocked write must not keep the answer from being read.
      Thread writer =
          new Thread(
              () -> {
                try {
                  out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                  out.write(body);
                  out.flush();
                } catch (IOException e) {
                  // the server closed early; its answer is what counts
                }
              });
      writer.setDaemon(true);
      writer.start();
      return read(socket.getInputStream());
    }
  }

  private static Reply read(InputStream in) throws IOException {
    byte[] all = in.readAllBytes();
    int split = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    String head = new String(all, 0, split, StandardCharsets.ISO_8859_1);
    String[] lines = head.split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers
          .computeIfAbsent(
              lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).trim());
    }
    byte[] rest = java.util.Arrays.copyOfRange(all, split + 4, all.length);
    List<String> te = headers.getOrDefault("transfer-encoding", List.of());
    byte[] body = te.contains("chunked") ? dechunk(rest) : rest;
    return new Reply(status, headers, body);
  }

  private static byte[] dechunk(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int pos = 0;
    while (pos < data.length) {
      int eol =
          indexOf(
              java.util.Arrays.copyOfRange(data, pos, data.length),
              "\r\n".getBytes(StandardCharsets.US_ASCII));
      int size =
          Integer.parseInt(
              new String(data, pos, eol, StandardCharsets.US_ASCII).split(";")[0].trim(), 16);
      pos += eol + 2;
      if (size == 0) {
        break;
      }
      out.write(data, pos, size);
      pos += size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] data, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= data.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("no HTTP head in the reply");
  }
}
