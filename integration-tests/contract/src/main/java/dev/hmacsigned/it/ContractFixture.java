package dev.hmacsigned.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.client.HmacClientFeature;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.testing.RawHttpClient;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one fixture of the contract, made by {@link ContractSuite} before the first test: the server
 * under test, the JAX-RS client that signs with {@link ContractKeys#ORDERS}, a {@link
 * RawHttpClient} of the same server, and the request builder for requests signed by hand (then
 * tampered with, replayed, sent late). Every concern of the contract reaches it through {@link
 * ContractConcern#fixture()}.
 */
public final class ContractFixture implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ServerUnderTest server;
  private final String clientRuntime;
  private final Client client;
  private final WebTarget api;
  private final RawHttpClient http;

  ContractFixture(ServerUnderTest server, String clientRuntime) {
    this.server = server;
    this.clientRuntime = clientRuntime;
    this.client = newClient(ContractKeys.ORDERS.hmacKey());
    this.api = client.target(server.baseUri()).path("api");
    this.http = RawHttpClient.to("127.0.0.1", server.baseUri().getPort());
  }

  /**
   * The server under test.
   *
   * @return the server
   */
  public ServerUnderTest server() {
    return server;
  }

  /**
   * The class-name fragment of the JAX-RS client runtime the suite runs with.
   *
   * @return {@code jersey} or {@code resteasy}
   */
  public String clientRuntime() {
    return clientRuntime;
  }

  /**
   * The JAX-RS client with {@code HmacClientFeature}, signing with {@link ContractKeys#ORDERS}.
   *
   * @return the client
   */
  public Client client() {
    return client;
  }

  /**
   * {@code api/} of the application, on {@link #client()}.
   *
   * @return the target
   */
  public WebTarget api() {
    return api;
  }

  /**
   * The raw client of the server: {@code 127.0.0.1}, the server's port.
   *
   * @return the client
   */
  public RawHttpClient http() {
    return http;
  }

  /**
   * A request target below the application's root, as it goes on the wire.
   *
   * @param relative for example {@code api/echo?x=1}
   * @return the target, for example {@code /ctx/api/echo?x=1}
   */
  public String path(String relative) {
    return server.baseUri().getRawPath() + relative;
  }

  /**
   * Rewrites the server's keys file.
   *
   * @param rotation where the rotating keys stand
   * @throws IOException if the file cannot be written
   */
  public void writeKeys(ContractKeys.Rotation rotation) throws IOException {
    ContractKeys.write(server.keysFile(), rotation);
  }

  /**
   * A JAX-RS client of the runtime on the class path, signing with one key. Close it.
   *
   * @param key the key
   * @return the client
   */
  public static Client newClient(HmacKey key) {
    return ClientBuilder.newBuilder()
        .register(HmacClientFeature.builder().key(key).build())
        .build();
  }

  // ---------------------------------------------------------------- the request builder

  /**
   * A request signed by hand at a given time, ready to send or to tamper with: {@code Host:
   * 127.0.0.1:port}, {@code Content-Type: application/json}, {@code X-Tenant: acme}, all three
   * covered, then {@code Authorization} and {@code Content-Digest}.
   *
   * @param key the key
   * @param method the method
   * @param target the target, as on the wire ({@link #path})
   * @param body the body; empty for none ({@code Content-Length: 0} is sent)
   * @param at the signing time
   * @return the request
   */
  public RawHttpClient.Request signed(
      HmacKey key, String method, String target, byte[] body, Instant at) {
    HmacSigner signer =
        HmacSigner.builder(key)
            .coveredHeaders("host", "content-type", "x-tenant")
            .clock(InstantSource.fixed(at))
            .build();
    return http.request(method, target)
        .header("Content-Type", "application/json")
        .header("X-Tenant", "acme")
        .body(body)
        .signedWith(signer);
  }

  /**
   * A signed GET of a path below the application's root, without a query.
   *
   * @param key the key
   * @param relativePath for example {@code api/whoami}
   * @param at the signing time
   * @return the request
   */
  public RawHttpClient.Request signedGet(HmacKey key, String relativePath, Instant at) {
    return signed(key, "GET", path(relativePath), new byte[0], at);
  }

  /**
   * A request the server accepts: {@code POST api/echo?x=1}, a JSON body, signed now with {@link
   * ContractKeys#ORDERS}.
   *
   * @return the request
   */
  public RawHttpClient.Request validRequest() {
    return signed(
        ContractKeys.ORDERS.hmacKey(),
        "POST",
        path("api/echo?x=1"),
        "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
        Instant.now());
  }

  // ---------------------------------------------------------------- what the server shows

  /**
   * Checks a rejection as the protocol documents it: the status, a problem document with the code
   * and no exception's name, and for a 401 the challenges of both schemes.
   *
   * @param reply the response
   * @param status the status
   * @param code the problem's {@code code}
   */
  public static void assertRejected(RawHttpClient.Response reply, int status, String code) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reply.text()).contains("\"code\":\"" + code + "\"").doesNotContain("Exception");
    if (status == 401) {
      assertThat(String.join(",", reply.headers("WWW-Authenticate")))
          .contains("HMAC-SHA256 realm=\"api\"")
          .contains("HMAC-SHA512 realm=\"api\"");
    }
  }

  /**
   * The server's log, with the files it rotated into before it ({@link ServerLog#text}).
   *
   * @return the log
   * @throws IOException if it cannot be read
   */
  public String serverLogText() throws IOException {
    return ServerLog.text(server.log());
  }

  /**
   * What a test that misses a line in the server's log shows ({@link ServerLog#diagnostics}).
   *
   * @return the description
   * @throws IOException if the log cannot be read
   */
  public String serverLogDiagnostics() throws IOException {
    return ServerLog.diagnostics(server.log());
  }

  /**
   * The server's log lines that mention a text.
   *
   * @param text the text
   * @return the lines, joined by newlines
   * @throws IOException if the log cannot be read
   */
  public String logLinesWith(String text) throws IOException {
    return serverLogText().lines().filter(l -> l.contains(text)).collect(Collectors.joining("\n"));
  }

  /**
   * Body files left in the server's temporary directory (there should be none, ever).
   *
   * @return the files
   * @throws IOException if the directory cannot be listed
   */
  public List<Path> bodyTempFiles() throws IOException {
    // Ask the server where it spills bodies: looking in the wrong directory could never fail.
    RawHttpClient.Response tmpdir = http.get(path("health/tmpdir")).send();
    assertThat(tmpdir.status()).isEqualTo(200);
    assertThat(Path.of(tmpdir.text()).toRealPath()).isEqualTo(server.tempDirectory().toRealPath());
    try (Stream<Path> files = Files.list(server.tempDirectory())) {
      return files.filter(p -> p.getFileName().toString().startsWith("hmac-signed-body-")).toList();
    }
  }

  // ---------------------------------------------------------------- small things

  /**
   * Reads the status and closes the response, so that pooled client connections are returned.
   *
   * @param response the response
   * @return its status
   */
  public static int status(Response response) {
    try (response) {
      return response.getStatus();
    }
  }

  /**
   * Random bytes.
   *
   * @param n how many
   * @return the bytes
   */
  public static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  /**
   * SHA-256, in lowercase hex.
   *
   * @param body the bytes
   * @return the digest
   * @throws NoSuchAlgorithmException never on a Java SE runtime
   */
  public static String sha256(byte[] body) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
  }

  /** Closes the client; the server belongs to the suite. */
  @Override
  public void close() {
    client.close();
  }
}
