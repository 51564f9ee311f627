package dev.hmacsigned.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.Algorithm;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.KeyRing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's Python reference client (standard library only) as the caller: an independent
 * implementation of protocol v1 is accepted by the filter, and its body arrives byte for byte.
 */
class PythonClientTest {
  static final Path REPO = Path.of("").toAbsolutePath().getParent();
  static final Path CLIENT = REPO.resolve("clients/python/hmac_signed.py");

  static final byte[] SECRET = TestKeys.secret(Algorithm.HMAC_SHA256);
  static final byte[] SECRET_512 = TestKeys.secret(Algorithm.HMAC_SHA512);

  @TempDir static Path directory;
  static TestServer server;

  @BeforeAll
  static void startServer() throws Exception {
    HmacVerifier verifier =
        HmacVerifier.builder()
            .keys(
                KeyRing.of(
                    HmacKey.builder("python-client").secret(SECRET).build(),
                    HmacKey.builder("python-client-512")
                        .secret(SECRET_512)
                        .algorithm(Algorithm.HMAC_SHA512)
                        .build()))
            .build();
    server = new TestServer();
    server
        .context("/shop")
        .filter(HmacServletFilter.of(verifier))
        .servlet("/api/*", new TestServlets.Echo());
    server.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  /** What the client prints: one JSON line. */
  record ClientResult(int status, String contentType, byte[] body) {
    String code() {
      Matcher m = Pattern.compile("\"code\":\"([a-z_]+)\"").matcher(text());
      return m.find() ? m.group(1) : null;
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  static ClientResult runClient(String... arguments) throws IOException, InterruptedException {
    assertThat(CLIENT).as("the Python reference client").exists();
    List<String> command = new ArrayList<>(List.of("python3", CLIENT.toString(), "request"));
    command.addAll(List.of(arguments));
    Process process =
        new ProcessBuilder(command)
            .directory(REPO.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("client finished").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return new ClientResult(
        Integer.parseInt(group(output, "\"status\": (\\d+)")),
        group(output, "\"content-type\": \"([^\"]*)\""),
        Base64.getDecoder().decode(group(output, "\"body_base64\": \"([^\"]*)\"")));
  }

  static String group(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("%s in %s", regex, text).isTrue();
    return m.group(1);
  }

  String url(String pathAndQuery) {
    return "http://localhost:" + server.port() + pathAndQuery;
  }

  @Test
  void request_pythonClientJsonPost_acceptedAndEchoedByteForByte() throws Exception {
    byte[] json =
        "{\"customer\":\"Zoë Ångström\",\"items\":[\"東京\",\"crème brûlée\"],\"n\":1}"
            .getBytes(StandardCharsets.UTF_8);
    Path data = Files.write(directory.resolve("order.json"), json);

    ClientResult result =
        runClient(
            "--url",
            url("/shop/api/orders/a%20b?b=2&a=1&a=%C3%A9"),
            "--key-id",
            "python-client",
            "--secret-base64",
            TestKeys.base64(SECRET),
            "--method",
            "POST",
            "--data-file",
            data.toString(),
            "--header",
            "Content-Type: application/json");

    assertThat(result.status()).as(result.text()).isEqualTo(200);
    assertThat(result.body()).isEqualTo(json);
  }

  @Test
  void request_pythonClientBinarySha512_acceptedAndEchoedByteForByte() throws Exception {
    byte[] binary = TestKeys.randomBytes(100_000);
    Path data = Files.write(directory.resolve("blob.bin"), binary);

    ClientResult result =
        runClient(
            "--url", url("/shop/api/blobs"),
            "--key-id", "python-client-512",
            "--secret-base64", TestKeys.base64(SECRET_512),
            "--algorithm", "HMAC-SHA512",
            "--method", "PUT",
            "--data-file", data.toString(),
            "--header", "Content-Type: application/octet-stream");

    assertThat(result.status()).as(result.text()).isEqualTo(200);
    assertThat(result.body()).isEqualTo(binary);
  }

  @Test
  void request_pythonClientStaleTimestamp_401StaleTimestamp() throws Exception {
    ClientResult result =
        runClient(
            "--url", url("/shop/api/orders"),
            "--key-id", "python-client",
            "--secret-base64", TestKeys.base64(SECRET),
            "--method", "POST",
            "--data", "{}",
            "--header", "Content-Type: application/json",
            "--timestamp-offset", "-1000");

    assertThat(result.status()).isEqualTo(401);
    assertThat(result.contentType()).startsWith("application/problem+json");
    assertThat(result.code()).isEqualTo("stale_timestamp");
  }

  @Test
  void request_pythonClientWrongSecret_401InvalidSignature() throws Exception {
    ClientResult result =
        runClient(
            "--url", url("/shop/api/orders"),
            "--key-id", "python-client",
            "--secret-base64", TestKeys.base64(TestKeys.secret(Algorithm.HMAC_SHA256)),
            "--data", "{}",
            "--header", "Content-Type: application/json");

    assertThat(result.status()).isEqualTo(401);
    assertThat(result.code()).isEqualTo("invalid_signature");
  }
}
