package dev.hmacsigned.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.RejectionResponse;
import dev.hmacsigned.core.RequestView;
import dev.hmacsigned.core.VerificationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real HTTP server on a free loopback port that verifies every request with core's {@link
 * HmacVerifier}: 200 with the verified body echoed and {@code X-Hmac-Principal}, or the protocol's
 * rejection response.
 */
final class VerifyingServer implements AutoCloseable {
  static final String PRINCIPAL_HEADER = "X-Hmac-Principal";

  /** What the server received for the last request it verified. */
  record Received(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      byte[] body) {
    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
      return values == null ? null : String.join(", ", values);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final HmacVerifier verifier;
  private final AtomicReference<Received> lastVerified = new AtomicReference<>();
  private final AtomicReference<Canned> canned = new AtomicReference<>();

  /** A fixed answer of the {@code /canned} route, which verifies nothing. */
  record Canned(int status, String contentType, byte[] body) {}

  VerifyingServer(KeyRing keys, InstantSource clock, int port) throws IOException {
    this.verifier = HmacVerifier.builder().keys(keys).clock(clock).build();
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.createContext("/canned", this::answerCanned);
    server.start();
  }

  VerifyingServer(KeyRing keys, InstantSource clock) throws IOException {
    this(keys, clock, 0);
  }

  VerifyingServer(KeyRing keys) throws IOException {
    this(keys, InstantSource.system(), 0);
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
  }

  Received lastVerified() {
    return lastVerified.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      VerificationResult result = verifier.verify(view(exchange));
      if (result instanceof VerificationResult.Verified verified) {
        byte[] body;
        try (verified;
            InputStream in = verified.body().openStream()) {
          body = in.readAllBytes();
        }
        lastVerified.set(
            new Received(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                copy(exchange.getRequestHeaders()),
                body));
        exchange.getResponseHeaders().set(PRINCIPAL_HEADER, verified.principal());
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      } else {
        RejectionResponse rejection =
            verifier.rejectionResponse((VerificationResult.Rejected) result);
        for (Map.Entry<String, String> header : rejection.headers()) {
          if (!header.getKey().equalsIgnoreCase("Content-Length")) { // the exchange writes it
            exchange.getResponseHeaders().add(header.getKey(), header.getValue());
          }
        }
        byte[] body = rejection.body();
        exchange.sendResponseHeaders(rejection.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  /** Makes {@code /canned} answer with this response. */
  void cannedAnswer(int status, String contentType, byte[] body) {
    canned.set(new Canned(status, contentType, body));
  }

  private void answerCanned(HttpExchange exchange) throws IOException {
    try (exchange) {
      Canned answer = canned.get();
      exchange.getResponseHeaders().set("Content-Type", answer.contentType());
      exchange.sendResponseHeaders(answer.status(), answer.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    }
  }

  private static RequestView view(HttpExchange exchange) {
    return new RequestView() {
      @Override
      public String method() {
        return exchange.getRequestMethod();
      }

      @Override
      public String rawPath() {
        return exchange.getRequestURI().getRawPath();
      }

      @Override
      public String rawQuery() {
        return exchange.getRequestURI().getRawQuery();
      }

      @Override
      public List<String> headers(String name) {
        List<String> values = exchange.getRequestHeaders().get(name);
        return values == null ? List.of() : values;
      }

      @Override
      public InputStream body() {
        return exchange.getRequestBody();
      }
    };
  }

  private static Map<String, List<String>> copy(Headers headers) {
    Map<String, List<String>> copy = new TreeMap<>();
    headers.forEach(
        (name, values) ->
            copy.put(name.toLowerCase(java.util.Locale.ROOT), new ArrayList<>(values)));
    return copy;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
