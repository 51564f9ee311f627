package dev.hmacsigned.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.Algorithm;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.InMemoryReplayStore;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.SignedHeaders;
import dev.hmacsigned.core.VerificationResult;
import dev.hmacsigned.core.VerificationResult.Rejected;
import dev.hmacsigned.core.VerificationResult.Verified;
import dev.hmacsigned.servlet.internal.RejectionWriter;
import dev.hmacsigned.servlet.internal.ServletRequestView;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the jar's {@code META-INF/web-fragment.xml} adds, on a real Jetty 12: {@link
 * VerifiedBodyFilter} and {@link ReleaseVerifiedBody}, registered as the fragment declares them,
 * behind a filter that does what Open Liberty makes of the mechanism's outcome. It verifies with
 * core's verifier and marks the request as the mechanism does, but passes the container's own
 * request on (the mechanism's wrapper dropped), and lets a rejected request go on after its answer.
 */
class WebFragmentTest {
  @TempDir static Path bodyFiles;

  private static final HmacKey KEY = key();
  private static final AtomicInteger SERVLET_CALLS = new AtomicInteger();
  private static Server server;
  private static URI base;

  /** The mechanism's outcome as Open Liberty hands it on. */
  static final class LibertyLikeMechanism implements Filter {
    private final HmacVerifier verifier;

    LibertyLikeMechanism(HmacVerifier verifier) {
      this.verifier = verifier;
    }

    @Override
    public void doFilter(
        jakarta.servlet.ServletRequest request,
        jakarta.servlet.ServletResponse response,
        jakarta.servlet.FilterChain chain)
        throws IOException, jakarta.servlet.ServletException {
      HttpServletRequest http = (HttpServletRequest) request;
      VerificationResult result = verifier.verify(new ServletRequestView(http));
      if (result instanceof Rejected rejected) {
        request.setAttribute(ReleaseVerifiedBody.REJECTED, rejected.code().code());
        RejectionWriter.write((HttpServletResponse) response, verifier.rejectionResponse(rejected));
        response.flushBuffer();
      } else {
        request.setAttribute(HmacVerifier.VERIFIED_ATTRIBUTE, (Verified) result);
        request.setAttribute(ReleaseVerifiedBody.OWNED, Boolean.TRUE);
      }
      chain.doFilter(request, response); // the container's request, whatever happened
    }
  }

  /** Echoes the body it reads from {@code getInputStream()}. */
  static final class EchoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      SERVLET_CALLS.incrementAndGet();
      byte[] body = request.getInputStream().readAllBytes();
      response.setContentType("application/octet-stream");
      response.getOutputStream().write(body);
    }
  }

  /** Answers without reading the body. */
  static final class IgnoringServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
      SERVLET_CALLS.incrementAndGet();
      response.setStatus(204);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    HmacVerifier verifier =
        HmacVerifier.builder()
            .keys(KeyRing.of(KEY))
            .replayStore(InMemoryReplayStore.withCapacity(1000))
            .memoryThreshold(1024)
            .tempDirectory(bodyFiles)
            .build();
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/app");
    EnumSet<DispatcherType> request = EnumSet.of(DispatcherType.REQUEST);
    context.addFilter(new FilterHolder(new LibertyLikeMechanism(verifier)), "/*", request);
    context.addFilter(new FilterHolder(new VerifiedBodyFilter()), "/*", request);
    context.addEventListener(new ReleaseVerifiedBody());
    context.addServlet(new ServletHolder(new EchoServlet()), "/echo");
    context.addServlet(new ServletHolder(new IgnoringServlet()), "/ignore");
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(context);
    server.start();
    base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/app/");
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  @BeforeEach
  void reset() {
    SERVLET_CALLS.set(0);
  }

  @Test
  void verifiedRequest_theServletReadsTheVerifiedBytes_notTheConsumedStream() throws Exception {
    byte[] body = bytes(700); // in memory

    Reply reply = post("echo", body, body);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo(body);
  }

  @Test
  void bodyInAFile_isReadWhole() throws Exception {
    byte[] body = bytes(200_000); // above the 1 KiB threshold: spilled to bodyFiles

    Reply reply = post("echo", body, body);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo(body);
  }

  @Test
  void bodyInAFile_thatNobodyReads_isDeletedWhenTheRequestEnds() throws Exception {
    // Opening the body unlinks its file; unopened, only the listener removes it.
    byte[] body = bytes(200_000);

    Reply reply = post("ignore", body, body);

    assertThat(reply.status()).isEqualTo(204);
    assertThat(SERVLET_CALLS.get()).isEqualTo(1);
    assertThat(awaitEmpty(bodyFiles)).as("temporary body files left").isEmpty();
  }

  @Test
  void rejectedRequest_isAnsweredOnce_andNeverReachesTheServlet() throws Exception {
    byte[] signed = bytes(100);
    byte[] tampered = signed.clone();
    tampered[50] ^= 1;

    Reply reply = post("echo", signed, tampered);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(new String(reply.body(), java.nio.charset.StandardCharsets.US_ASCII))
        .contains("\"code\":\"invalid_signature\"");
    assertThat(SERVLET_CALLS.get()).isZero();
  }

  private record Reply(int status, byte[] body) {}

  private static Reply post(String path, byte[] signedBody, byte[] sentBody) throws IOException {
    URI uri = base.resolve(path);
    SignedHeaders signed =
        HmacSigner.builder(KEY)
            .build()
            .sign(
                "POST",
                uri,
                Map.of("Content-Type", List.of("application/octet-stream")),
                signedBody);
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    connection.setRequestMethod("POST");
    connection.setRequestProperty("Content-Type", "application/octet-stream");
    connection.setRequestProperty("Authorization", signed.authorization());
    connection.setRequestProperty("Content-Digest", signed.contentDigestHeader().orElseThrow());
    connection.setDoOutput(true);
    try (OutputStream out = connection.getOutputStream()) {
      out.write(sentBody);
    }
    int status = connection.getResponseCode();
    try (InputStream in =
        status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
      return new Reply(status, in == null ? new byte[0] : in.readAllBytes());
    }
  }

  /** The files left in a directory once the request's end has had a chance to remove them. */
  private static List<Path> awaitEmpty(Path directory) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (true) {
      List<Path> files;
      try (Stream<Path> list = Files.list(directory)) {
        files = list.toList();
      }
      if (files.isEmpty() || Instant.now().isAfter(deadline)) {
        return files;
      }
      Thread.sleep(20);
    }
  }

  private static byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  private static HmacKey key() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return HmacKey.builder("fragment").secret(secret).algorithm(Algorithm.HMAC_SHA256).build();
  }
}
