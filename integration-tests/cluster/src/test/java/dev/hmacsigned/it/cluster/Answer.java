package dev.hmacsigned.it.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
      return read(socket.getInputStream());
    }
  }

  /**
   * The same request on many connections at once, to the given ports: every connection first gets
   * all of it but its last byte, then a latch releases all last bytes together.
   */
  static List<Answer> burst(List<Integer> ports, byte[] request) throws Exception {
    List<Socket> sockets = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(ports.size());
    try {
      for (int port : ports) {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(60_000);
        sockets.add(socket);
        socket.getOutputStream().write(request, 0, request.length - 1);
        socket.getOutputStream().flush();
      }
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Answer>> answers = new ArrayList<>();
      for (Socket socket : sockets) {
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  OutputStream out = socket.getOutputStream();
                  out.write(request, request.length - 1, 1);
                  out.flush();
                  return read(socket.getInputStream());
                }));
      }
      go.countDown();
      List<Answer> result = new ArrayList<>();
      for (Future<Answer> answer : answers) {
        result.add(answer.get(2, TimeUnit.MINUTES));
      }
      return result;
    } finally {
      pool.shutdownNow();
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }

  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    String text = all.toString(StandardCharsets.ISO_8859_1);
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
