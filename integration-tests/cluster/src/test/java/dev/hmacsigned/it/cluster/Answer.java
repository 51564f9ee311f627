package dev.hmacsigned.it.cluster;

import dev.hmacsigned.testing.SimultaneousRequests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node's answer to a request sent as raw bytes on a connection of its own ({@code Connection:
 * close}): the bytes are the same whichever node they go to, as behind a load balancer, so the
 * signed {@code Host} is the balancer's name, not a node's address.
 *
 * @param status the status
 * @param code the problem code, or {@code null}
 * @param retryAfter the {@code Retry-After} value, or {@code null}
 * @param text the whole response
 */
record Answer(int status, String code, String retryAfter, String text) {
  private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3}) ");
  private static final Pattern CODE = Pattern.compile("\"code\":\"([a-z_]+)\"");
  private static final Pattern RETRY_AFTER = Pattern.compile("(?im)^retry-after:\\s*(\\S+)\\s*$");

  @Override
  public String toString() {
    return status + (code == null ? "" : " " + code);
  }

  /** Sends the request to the node and reads the answer. */
  static Answer send(int port, byte[] request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(60_000);
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(all);
      return parse(all.toString(StandardCharsets.ISO_8859_1));
    }
  }

  /** The same request on one connection per port, all released at once. */
  static List<Answer> burst(List<Integer> ports, byte[] request) throws Exception {
    List<Answer> answers = new ArrayList<>();
    for (String text : SimultaneousRequests.send("127.0.0.1", ports, request)) {
      answers.add(parse(text));
    }
    return answers;
  }

  private static Answer parse(String text) throws IOException {
    Matcher status = STATUS.matcher(text);
    if (!status.find()) {
      throw new IOException("not an HTTP/1.1 response: " + text);
    }
    Matcher code = CODE.matcher(text);
    Matcher retryAfter = RETRY_AFTER.matcher(text);
    return new Answer(
        Integer.parseInt(status.group(1)),
        code.find() ? code.group(1) : null,
        retryAfter.find() ? retryAfter.group(1) : null,
        text);
  }
}
