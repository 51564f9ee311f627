package dev.hmacsigned.it.attack;

import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.SignedHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One request exactly as it goes on a socket, for requests no HTTP client would send: any method,
 * target and header lines (repeated, recased, padded, non-ASCII), and a body framed by {@code
 * Content-Length} or chunked, trickled with pauses, held back for {@code 100 Continue} or cut
 * short. Each request goes on a new connection with {@code Connection: close}.
 *
 * <pre>{@code
 * Wire wire = Wire.request("POST", "/ctx/api/echo", "127.0.0.1:8080")
 *     .header("Content-Type", "application/json")
 *     .body(bytes)
 *     .signedWith(signer)       // Authorization and Content-Digest for the request as it stands
 *     .chunked(7);              // framing is not signed: the same request, sent in 7-byte chunks
 * WireReply reply = wire.send("127.0.0.1", 8080);
 * }</pre>
 */
public final class Wire {
  /** How long a reply may take: longer is a hang, reported as no response. */
  static final int TIMEOUT_MILLIS = 30_000;

  /** The start of the error of a reply that did not come in time. */
  static final String NO_ANSWER_WITHIN = "no answer within ";

  /**
   * How long to wait for {@code 100 Continue} before sending the body anyway (RFC 9110 §10.1.1).
   */
  static final long CONTINUE_WAIT_MILLIS = 3_000;

  private String method;
  private String target;
  private final List<Map.Entry<String, String>> headers = new ArrayList<>();
  private byte @Nullable [] body;
  private int chunkSize;
  private boolean contentLengthToo;
  private int pieces = 1;
  private long pauseMillis;
  private boolean expectContinue;
  private int truncateTo = -1;
  private AttackTarget.@Nullable Role endpoint;

  private Wire(String method, String target) {
    this.method = method;
    this.target = target;
  }

  /**
   * A request with a {@code Host} header and no body.
   *
   * @param method the method, as written
   * @param target the request target, as written
   * @param host the value of {@code Host}
   * @return the request
   */
  public static Wire request(String method, String target, String host) {
    return new Wire(method, target).header("Host", host);
  }

  // ---------------------------------------------------------------- what is sent

  /**
   * Adds a header line after the others.
   *
   * @param name the name, as written
   * @param value the value, as written (padding included)
   * @return this request
   */
  public Wire header(String name, String value) {
    headers.add(Map.entry(name, value));
    return this;
  }

  /**
   * Removes every header line of that name, in any case.
   *
   * @param name the name
   * @return this request
   */
  public Wire removeHeader(String name) {
    headers.removeIf(h -> h.getKey().equalsIgnoreCase(name));
    return this;
  }

  /**
   * Replaces every header line of that name by one, at the place of the first.
   *
   * @param name the name, as written
   * @param value the value, as written
   * @return this request
   */
  public Wire replaceHeader(String name, String value) {
    for (int i = 0; i < headers.size(); i++) {
      if (headers.get(i).getKey().equalsIgnoreCase(name)) {
        removeHeader(name);
        headers.add(Math.min(i, headers.size()), Map.entry(name, value));
        return this;
      }
    }
    return header(name, value);
  }

  /**
   * The first value of a header.
   *
   * @param name the name, in any case
   * @return the value, or {@code null}
   */
  public @Nullable String header(String name) {
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
  public Wire method(String method) {
    this.method = method;
    return this;
  }

  /**
   * The method.
   *
   * @return the method, as written
   */
  public String method() {
    return method;
  }

  /**
   * Replaces the request target.
   *
   * @param target the target, as written
   * @return this request
   */
  public Wire target(String target) {
    this.target = target;
    return this;
  }

  /**
   * The request target.
   *
   * @return the target, as written
   */
  public String target() {
    return target;
  }

  /**
   * Replaces the body; {@code null} for none (no framing header either).
   *
   * @param body the bytes the application should receive
   * @return this request
   */
  public Wire body(byte @Nullable [] body) {
    this.body = body;
    return this;
  }

  /**
   * The body, as the application should receive it.
   *
   * @return the bytes, empty for none
   */
  public byte[] body() {
    return body == null ? new byte[0] : body;
  }

  /**
   * Names the endpoint whose answer proves the body arrived (see {@link AttackTarget}).
   *
   * @param endpoint the endpoint's role
   * @return this request
   */
  Wire endpoint(AttackTarget.Role endpoint) {
    this.endpoint = endpoint;
    return this;
  }

  AttackTarget.@Nullable Role endpoint() {
    return endpoint;
  }

  /**
   * A copy to change without changing this one: the same lines, body and framing.
   *
   * @return the copy
   */
  public Wire copy() {
    Wire copy = new Wire(method, target);
    copy.headers.addAll(headers);
    copy.body = body;
    copy.chunkSize = chunkSize;
    copy.contentLengthToo = contentLengthToo;
    copy.pieces = pieces;
    copy.pauseMillis = pauseMillis;
    copy.expectContinue = expectContinue;
    copy.truncateTo = truncateTo;
    copy.endpoint = endpoint;
    return copy;
  }

  // ---------------------------------------------------------------- how the body goes

  /**
   * Sends the body chunked ({@code Transfer-Encoding: chunked}) instead of with {@code
   * Content-Length}.
   *
   * @param size the size of each chunk but the last
   * @return this request
   */
  public Wire chunked(int size) {
    this.chunkSize = size;
    return this;
  }

  /**
   * With {@link #chunked}: also sends {@code Content-Length}, as a request smuggler does.
   *
   * @return this request
   */
  public Wire withContentLengthToo() {
    this.contentLengthToo = true;
    return this;
  }

  /**
   * Writes the body in pieces, pausing between them: a slow client.
   *
   * @param pieces how many pieces
   * @param pauseMillis the pause after each piece but the last
   * @return this request
   */
  public Wire trickled(int pieces, long pauseMillis) {
    this.pieces = pieces;
    this.pauseMillis = pauseMillis;
    return this;
  }

  /**
   * Sends {@code Expect: 100-continue} and the body only after {@code 100 Continue} (or after a few
   * seconds without an answer); never after a final answer.
   *
   * @return this request
   */
  public Wire expectingContinue() {
    this.expectContinue = true;
    return this;
  }

  /**
   * Announces the whole body but sends only its first bytes, then closes the sending side.
   *
   * @param bytes how many bytes to send
   * @return this request
   */
  public Wire truncatedTo(int bytes) {
    this.truncateTo = bytes;
    return this;
  }

  // ---------------------------------------------------------------- signing

  /**
   * Signs the request as it stands: method, target split at its first {@code ?}, every header line,
   * body; adds {@code Authorization} and, for a body, {@code Content-Digest}.
   *
   * @param signer the signer
   * @return this request
   */
  public Wire signedWith(HmacSigner signer) {
    SignedHeaders signed = signer.sign(method, path(), query(), headersByName(), body);
    header("Authorization", signed.authorization());
    signed.contentDigestHeader().ifPresent(d -> header("Content-Digest", d));
    return this;
  }

  String path() {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  @Nullable String query() {
    int q = target.indexOf('?');
    return q < 0 ? null : target.substring(q + 1);
  }

  Map<String, List<String>> headersByName() {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : headers) {
      byName.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue());
    }
    return byName;
  }

  // ---------------------------------------------------------------- sending

  /**
   * Sends the request on a new connection and reads the answer. Never throws: a connection that
   * fails, closes or stays silent for {@value #TIMEOUT_MILLIS} ms is a reply without a status.
   *
   * @param host the host to connect to
   * @param port the port
   * @return the reply
   */
  public WireReply send(String host, int port) {
    return send(host, port, null);
  }

  /**
   * Sends several requests at once, each on its own connection: everything but the last byte of
   * each is written first, then the last bytes together, so that the server handles them at the
   * same time.
   *
   * @param wires the requests
   * @param host the host
   * @param port the port
   * @return the replies, in the order of the requests
   */
  public static List<WireReply> sendTogether(List<Wire> wires, String host, int port) {
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    WireReply[] replies = new WireReply[wires.size()];
    CountDownLatch ready = new CountDownLatch(wires.size());
    for (int i = 0; i < wires.size(); i++) {
      int index = i;
      Thread t =
          new Thread(
              () ->
                  replies[index] =
                      wires.get(index).send(host, port, new Hold(ready, go, new AtomicBoolean())),
              "attack-race-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    try {
      ready.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
      go.countDown();
      for (Thread t : threads) {
        t.join(2L * TIMEOUT_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<WireReply> out = new ArrayList<>();
    for (WireReply r : replies) {
      out.add(r == null ? WireReply.failed("no reply in time", List.of()) : r);
    }
    return out;
  }

  /** Holds a request's last byte until every request of a race is ready. */
  private record Hold(CountDownLatch ready, CountDownLatch go, AtomicBoolean counted) {
    /** Counts this request as ready, once. */
    void markReady() {
      if (counted.compareAndSet(false, true)) {
        ready.countDown();
      }
    }
  }

  private WireReply send(String host, int port, @Nullable Hold hold) {
    byte[] head = head();
    byte[] payload = payload();
    if (hold != null && (expectContinue || pieces > 1 || truncateTo >= 0)) {
      throw new IllegalStateException("a race sends plain requests only");
    }
    List<Integer> interim = new ArrayList<>();
    try (Socket socket = new Socket(host, port)) {
      socket.setSoTimeout(TIMEOUT_MILLIS);
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      CountDownLatch proceed = new CountDownLatch(1);
      AtomicBoolean answered = new AtomicBoolean();
      Thread writer =
          new Thread(
              () -> write(socket, out, head, payload, hold, proceed, answered), "attack-writer");
      writer.setDaemon(true);
      writer.start();
      WireReply reply =
          WireReply.read(
              socket.getInputStream(),
              method.equals("HEAD"),
              () -> {
                interim.add(100);
                proceed.countDown();
              });
      answered.set(true);
      proceed.countDown();
      return reply;
    } catch (SocketTimeoutException e) {
      return WireReply.failed(NO_ANSWER_WITHIN + TIMEOUT_MILLIS + " ms", interim);
    } catch (IOException | RuntimeException e) {
      return WireReply.failed(e.getClass().getSimpleName() + ": " + e.getMessage(), interim);
    } finally {
      if (hold != null) {
        hold.markReady(); // never leave a race waiting for a request that failed early
      }
    }
  }

  private void write(
      Socket socket,
      OutputStream out,
      byte[] head,
      byte[] payload,
      @Nullable Hold hold,
      CountDownLatch proceed,
      AtomicBoolean answered) {
    try {
      if (hold != null) {
        byte[] all = concat(head, payload);
        out.write(all, 0, all.length - 1);
        out.flush();
        hold.markReady();
        hold.go().await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        out.write(all, all.length - 1, 1);
        out.flush();
        return;
      }
      out.write(head);
      out.flush();
      if (payload.length == 0) {
        return;
      }
      if (expectContinue) {
        proceed.await(CONTINUE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        if (answered.get()) {
          return; // a final answer came first: the body is not sent (RFC 9110 §10.1.1)
        }
      }
      int length = truncateTo >= 0 ? Math.min(truncateTo, payload.length) : payload.length;
      int piece = Math.max(1, (length + pieces - 1) / pieces);
      for (int off = 0; off < length; off += piece) {
        out.write(payload, off, Math.min(piece, length - off));
        out.flush();
        if (off + piece < length && pauseMillis > 0) {
          Thread.sleep(pauseMillis);
        }
      }
      if (truncateTo >= 0) {
        socket.shutdownOutput();
      }
    } catch (IOException e) {
      // The server answered and closed before reading everything: its answer counts.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The request line and header lines, the framing headers and {@code Connection: close}. */
  byte[] head() {
    StringBuilder h = new StringBuilder();
    h.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    for (Map.Entry<String, String> line : headers) {
      h.append(line.getKey()).append(": ").append(line.getValue()).append("\r\n");
    }
    if (body != null) {
      if (chunkSize > 0) {
        h.append("Transfer-Encoding: chunked\r\n");
      }
      if (chunkSize <= 0 || contentLengthToo) {
        h.append("Content-Length: ").append(body.length).append("\r\n");
      }
      if (expectContinue) {
        h.append("Expect: 100-continue\r\n");
      }
    }
    h.append("Connection: close\r\n\r\n");
    return h.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The body as framed: as is, or in chunks with the last chunk and an empty trailer. */
  private byte[] payload() {
    if (body == null) {
      return new byte[0];
    }
    if (chunkSize <= 0) {
      return body;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + body.length / 8 + 16);
    for (int off = 0; off < body.length; off += chunkSize) {
      int n = Math.min(chunkSize, body.length - off);
      out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, off, n);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Override
  public String toString() {
    return method + " " + target;
  }
}
