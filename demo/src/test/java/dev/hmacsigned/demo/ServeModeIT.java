package dev.hmacsigned.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.SignedHeaders;
import dev.hmacsigned.testing.ProcessOutput;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code java -jar hmac-signed-demo.jar serve} as the README starts it, called by real clients over
 * HTTP/1.1, h2c by prior knowledge and h2c by upgrade, with what those clients really send: a
 * literal {@code /} and {@code :} in the query and {@code charset=utf-8} in the Content-Type.
 */
class ServeModeIT {
  private static final String KEY_ID = "serve-it";
  private static final String JSON_UTF8 = "application/json; charset=utf-8";
  private static final String QUERY = "q=a/b:c&when=12:30&path=/x/y";
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+:\\d+)");

  @TempDir static Path dir;

  private static Process server;
  private static final StringBuffer log = new StringBuffer();
  private static URI base;
  private static HmacKey key;
  private static String secretBase64;

  @BeforeAll
  static void startServe() throws Exception {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    secretBase64 = Base64.getEncoder().encodeToString(secret);
    key = HmacKey.builder(KEY_ID).secret(secret).principal("serve-it-client").build();
    Path keys = dir.resolve("keys.properties");
    Files.writeString(
        keys,
        KEY_ID + ".secret=base64:" + secretBase64 + "\n" + KEY_ID + ".principal=serve-it-client\n",
        StandardCharsets.UTF_8);

    server =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dhmac.realm=serve-it",
                "-Dhmac.clock-skew=30",
                "-jar",
                System.getProperty("demo.jar"),
                "serve",
                "--port",
                "0",
                "--keys",
                keys.toString())
            .redirectErrorStream(true)
            .start();
    base =
        URI.create(
            ProcessOutput.follow(server, log, LISTENING, "demo-serve-output")
                    .get(60, TimeUnit.SECONDS)
                    .group(1)
                + "/");
  }

  @AfterAll
  static void stopServe() throws Exception {
    if (server != null) {
      server.destroy();
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(log.toString()).as("the server's output").doesNotContain(secretBase64);
    }
  }

  /** How a request reaches the server. */
  enum Transport {
    JDK_HTTP_1_1,
    JDK_H2C_UPGRADE,
    CURL_HTTP_1_1,
    CURL_H2C_PRIOR_KNOWLEDGE;

    /** The protocol the answer must have come back with. */
    String expectedVersion() {
      return name().contains("H2C") ? "2" : "1.1";
    }
  }

  static List<Arguments> transportsAndMounts() {
    List<Arguments> cases = new ArrayList<>();
    for (Transport transport : Transport.values()) {
      for (String mount : List.of("api", "servlet")) {
        cases.add(Arguments.of(transport, mount));
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("transportsAndMounts")
  void signedGet_literalSlashAndColonInQuery_isAcceptedWithQueryAsSent(
      Transport transport, String mount) throws Exception {
    URI uri = base.resolve(mount + "/items/42?" + QUERY);

    Reply reply = send(transport, "GET", uri, Map.of(), null);

    assertThat(reply.status()).as(reply.describe()).isEqualTo(200);
    assertThat(reply.version()).isEqualTo(transport.expectedVersion());
    String prefix = "{\"id\":\"42\",\"query\":\"";
    assertThat(reply.text()).startsWith(prefix).endsWith("\"}");
    String echoed = reply.text().substring(prefix.length(), reply.text().length() - 2);
    if (mount.equals("servlet")) {
      assertThat(echoed).isEqualTo(QUERY);
    } else {
      // Jersey hands the application its own re-encoding (q=a%2Fb%3Ac...): the same query.
      assertThat(URLDecoder.decode(echoed, StandardCharsets.UTF_8)).isEqualTo(QUERY);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("transportsAndMounts")
  void signedPost_jsonCharsetUtf8AndQuery_isAcceptedAndEchoed(Transport transport, String mount)
      throws Exception {
    URI uri = base.resolve(mount + "/echo?" + QUERY);
    byte[] body = "{\"note\":\"Zoë\",\"path\":\"a/b:c\"}".getBytes(StandardCharsets.UTF_8);

    Reply reply = send(transport, "POST", uri, Map.of("Content-Type", JSON_UTF8), body);

    assertThat(reply.status()).as(reply.describe()).isEqualTo(200);
    assertThat(reply.version()).isEqualTo(transport.expectedVersion());
    assertThat(reply.body()).isEqualTo(body);
    assertThat(reply.principal()).isEqualTo("serve-it-client");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("transportsAndMounts")
  void signedGet_queryChangedInTransit_isRejected(Transport transport, String mount)
      throws Exception {
    URI uri = base.resolve(mount + "/items/42?" + QUERY);
    // Signed for a=1, sent with a=2: the answer must still be a rejection on every transport.
    Reply reply = sendTampered(transport, uri);

    assertThat(reply.status()).as(reply.describe()).isEqualTo(401);
    assertThat(reply.text()).contains("invalid_signature");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mounts")
  void signedGet_coveredHeaderInJettysCacheWithOtherCase_isAccepted(String mount) throws Exception {
    // Jetty's header cache knows "Cache-Control: no-cache"; on its default settings it would hand
    // the filter its own spelling. The demo's Jetty is set up as the README says: case kept.
    URI uri = base.resolve(mount + "/items/7");
    HmacSigner signer = HmacSigner.builder(key).coveredHeaders("host", "cache-control").build();
    Map<String, List<String>> headers = Map.of("Cache-Control", List.of("No-Cache"));
    SignedHeaders signed = signer.sign("GET", uri, headers, null);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Cache-Control", "No-Cache")
            .header("Authorization", signed.authorization())
            .build();

    HttpResponse<String> reply =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(signed.authorization()).contains("headers=\"host;cache-control\"");
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
  }

  static List<String> mounts() {
    return List.of("api", "servlet");
  }

  @Test
  void serve_hmacSystemProperties_areApplied() throws Exception {
    URI uri = base.resolve("servlet/items/1");
    HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> unsigned =
        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    // -Dhmac.clock-skew=30: a minute slow is stale here, though well inside the default 300 s.
    SignedHeaders minuteSlow =
        HmacSigner.builder(key)
            .clock(() -> Instant.now().minusSeconds(60))
            .build()
            .sign("GET", uri, Map.of(), null);
    HttpResponse<String> stale =
        http.send(
            HttpRequest.newBuilder(uri).header("Authorization", minuteSlow.authorization()).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(unsigned.statusCode()).isEqualTo(401);
    assertThat(unsigned.headers().allValues("WWW-Authenticate"))
        .contains("HMAC-SHA256 realm=\"serve-it\"");
    assertThat(stale.statusCode()).isEqualTo(401);
    assertThat(stale.body()).contains("stale_timestamp");
  }

  private static Reply send(
      Transport transport, String method, URI uri, Map<String, String> headers, byte[] body)
      throws Exception {
    Map<String, List<String>> signedHeaders = new LinkedHashMap<>();
    headers.forEach((name, value) -> signedHeaders.put(name, List.of(value)));
    SignedHeaders signed = HmacSigner.builder(key).build().sign(method, uri, signedHeaders, body);
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Authorization", signed.authorization());
    signed.contentDigestHeader().ifPresent(d -> all.put("Content-Digest", d));
    return deliver(transport, method, uri, all, body);
  }

  private static Reply sendTampered(Transport transport, URI uri) throws Exception {
    URI signedFor = URI.create(uri + "&a=1");
    SignedHeaders signed = HmacSigner.builder(key).build().sign("GET", signedFor, Map.of(), null);
    return deliver(
        transport,
        "GET",
        URI.create(uri + "&a=2"),
        Map.of("Authorization", signed.authorization()),
        null);
  }

  private static Reply deliver(
      Transport transport, String method, URI uri, Map<String, String> headers, byte[] body)
      throws Exception {
    return switch (transport) {
      case JDK_HTTP_1_1 -> jdk(HttpClient.Version.HTTP_1_1, method, uri, headers, body);
      case JDK_H2C_UPGRADE -> jdk(HttpClient.Version.HTTP_2, method, uri, headers, body);
      case CURL_HTTP_1_1 -> curl("--http1.1", method, uri, headers, body);
      case CURL_H2C_PRIOR_KNOWLEDGE -> curl("--http2-prior-knowledge", method, uri, headers, body);
    };
  }

  private static Reply jdk(
      HttpClient.Version version, String method, URI uri, Map<String, String> headers, byte[] body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    // A new client each time, so that each case opens its own connection.
    HttpClient client = HttpClient.newBuilder().version(version).build();
    if (version == HttpClient.Version.HTTP_2 && body != null) {
      // The JDK client asks for h2c on its first request, but Jetty declines to upgrade a request
      // that has a body (RFC 9113 leaves that to the server) and answers it over HTTP/1.1. A
      // bodiless first request upgrades the connection; the signed one then goes as an h2 stream.
      HttpResponse<Void> first =
          client.send(
              HttpRequest.newBuilder(base.resolve("servlet/health")).build(),
              HttpResponse.BodyHandlers.discarding());
      assertThat(first.version()).isEqualTo(HttpClient.Version.HTTP_2);
    }
    HttpResponse<byte[]> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Reply(
        response.statusCode(),
        response.version() == HttpClient.Version.HTTP_2 ? "2" : "1.1",
        response.headers().firstValue("X-Hmac-Principal").orElse(null),
        response.body());
  }

  private static Reply curl(
      String protocol, String method, URI uri, Map<String, String> headers, byte[] body)
      throws Exception {
    Path out = Files.createTempFile(dir, "reply-", ".bin");
    Path responseHeaders = Files.createTempFile(dir, "reply-", ".headers");
    List<String> command =
        new ArrayList<>(
            List.of(
                "curl",
                "-sS",
                protocol,
                "-X",
                method,
                "-o",
                out.toString(),
                "-D",
                responseHeaders.toString(),
                "-w",
                "%{http_code} %{http_version}"));
    headers.forEach((name, value) -> command.addAll(List.of("-H", name + ": " + value)));
    if (body != null) {
      Path data = Files.createTempFile(dir, "body-", ".bin");
      Files.write(data, body);
      command.addAll(List.of("--data-binary", "@" + data));
    }
    command.add(uri.toString());
    Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
    String written = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(curl.exitValue()).as("curl: " + written).isZero();
    String[] codeAndVersion = written.strip().split(" ");
    String principal = null;
    for (String line : Files.readAllLines(responseHeaders, StandardCharsets.ISO_8859_1)) {
      if (line.regionMatches(true, 0, "X-Hmac-Principal:", 0, 17)) {
        principal = line.substring(17).strip();
      }
    }
    return new Reply(
        Integer.parseInt(codeAndVersion[0]), codeAndVersion[1], principal, Files.readAllBytes(out));
  }

  /** What came back. */
  record Reply(int status, String version, String principal, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String describe() {
      return "HTTP/" + version + " " + status + " " + text() + "\nserver output:\n" + log;
    }
  }
}
