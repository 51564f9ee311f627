package dev.hmacsigned.testing;

import java.io.ByteArrayOutputStream;
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

/**
 * The same request bytes on many connections at once, to race a nonce. Every connection is opened
 * and sent the whole request but its last byte first, so that each server thread has started on it
 * and waits for the rest; then a latch releases all last bytes together, and the verifications
 * reach the replay store as close together as the servers let them.
 *
 * <pre>{@code
 * List<String> responses =
 *     SimultaneousRequests.send("127.0.0.1", Collections.nCopies(100, port), request);
 * }</pre>
 */
public final class SimultaneousRequests {
  private static final int TIMEOUT_MILLIS = 60_000;

  private SimultaneousRequests() {}

  /**
   * Sends the request once per port (a port may be named many times) and reads every response until
   * its server closes the connection: the request should say {@code Connection: close}.
   *
   * @param host the servers' host
   * @param ports one port per connection
   * @param request the whole request, at least one byte
   * @return each whole response as ISO-8859-1 text, in the order of {@code ports}
   * @throws Exception if a connection fails or a response does not come within two minutes
   */
  public static List<String> send(String host, List<Integer> ports, byte[] request)
      throws Exception {
    List<Socket> sockets = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(ports.size());
    try {
      for (int port : ports) {
        Socket socket = new Socket(host, port);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        sockets.add(socket);
        socket.getOutputStream().write(request, 0, request.length - 1);
        socket.getOutputStream().flush();
      }
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> responses = new ArrayList<>();
      for (Socket socket : sockets) {
        responses.add(
            pool.submit(
                () -> {
                  go.await();
                  OutputStream out = socket.getOutputStream();
                  out.write(request, request.length - 1, 1);
                  out.flush();
                  return readAll(socket.getInputStream());
                }));
      }
      go.countDown();
      List<String> result = new ArrayList<>();
      for (Future<String> response : responses) {
        result.add(response.get(2, TimeUnit.MINUTES));
      }
      return result;
    } finally {
      pool.shutdownNow();
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }

  private static String readAll(InputStream in) throws java.io.IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    return all.toString(StandardCharsets.ISO_8859_1);
  }
}
