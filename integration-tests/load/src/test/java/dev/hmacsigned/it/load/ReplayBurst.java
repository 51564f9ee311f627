package dev.hmacsigned.it.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * The same request bytes on many connections at once. Every connection is opened and sent the whole
 * request but its last byte first, so that each server thread has started on it and waits for the
 * body; then a latch releases all last bytes together, and the verifications reach the replay store
 * as close together as the server lets them.
 */
final class ReplayBurst {
  private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3}) ");
  private static final Pattern CODE = Pattern.compile("\"code\":\"([a-z_]+)\"");

  /**
   * One answer: its status and problem code ({@code null} for none).
   *
   * @param status the status
   * @param code the problem code, or {@code null}
   */
  record Answer(int status, String code) {}

  private ReplayBurst() {}

  static List<Answer> send(int port, byte[] request, int connections) throws Exception {
    List<Socket> sockets = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    try {
      for (int i = 0; i < connections; i++) {
        Socket socket = new Socket("127.0.0.1", port);
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

  /** Reads until the server closes (the request says {@code Connection: close}). */
  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    String text = all.toString(StandardCharsets.ISO_8859_1);
    Matcher status = STATUS.matcher(text);
    if (!status.find()) {
      throw new IOException("not an HTTP/1.1 response: " + text);
    }
    Matcher code = CODE.matcher(text);
    return new Answer(Integer.parseInt(status.group(1)), code.find() ? code.group(1) : null);
  }
}
