package dev.hmacsigned.it;

import dev.hmacsigned.testing.RawHttpClient;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One request on a raw socket, as the compatibility matrix's tamper sender writes it: a thin view
 * of the tests' shared {@link RawHttpClient} (test-support), which sends exactly the bytes given.
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
  public record Reply(int status, Map<String, List<String>> headers, byte[] body) {}

  /**
   * Sends one request on a new connection to 127.0.0.1 and reads the answer.
   *
   * @param port the port
   * @param method the method
   * @param target the request target, as written
   * @param headers every header line but {@code Content-Length} and {@code Connection}, {@code
   *     Host} included
   * @param body the body
   * @return the answer
   * @throws IOException if the connection fails
   */
  public static Reply send(
      int port, String method, String target, List<Map.Entry<String, String>> headers, byte[] body)
      throws IOException {
    RawHttpClient.Request request =
        RawHttpClient.to("127.0.0.1", port).request(method, target).removeHeader("Host").body(body);
    headers.forEach(h -> request.header(h.getKey(), h.getValue()));
    RawHttpClient.Response response = request.send();
    return new Reply(response.status(), response.headerMap(), response.body());
  }
}
