package dev.hmacsigned.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.it.app.EchoReply;
import dev.hmacsigned.it.matrix.RuntimeModule;
import dev.hmacsigned.it.mp.SignedApi;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The MicroProfile Rest Client on RESTEasy's implementation, outside any container: {@link
 * SignedApi} built by {@code RestClientBuilder}, signing through its
 * {@code @RegisterProvider(HmacClientFeature.class)} with the key that {@code hmac.client.key-id}
 * names in {@code META-INF/microprofile-config.properties} (SmallRye Config). The server is the
 * echo of the Jersey-on-Grizzly runtime: it verifies each request and answers the method, SHA-256
 * and principal of what it received.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MicroProfileRestClientIT {
  private static final Pattern LISTENING =
      Pattern.compile("^LISTENING (\\S+) h2c=(true|false)\\s*$", Pattern.MULTILINE);

  private Process server;
  private Path log;
  private URI root;
  private SignedApi api;

  @BeforeAll
  void start() throws Exception {
    Path keysFile = Path.of(ContractSuite.requiredProperty("hmac.keys.file"));
    ContractKeys.write(keysFile, ContractKeys.Rotation.OLD_ONLY);
    Path work = keysFile.getParent();
    RuntimeModule module =
        RuntimeModule.read(
            Path.of(ContractSuite.requiredProperty("it.runtimes.dir")), "jersey-grizzly");
    log = work.resolve("jersey-grizzly-server.log");
    Path tmp = Files.createDirectories(work.resolve("server-tmp"));
    server =
        new ProcessBuilder(
                module.command(List.of("-Dhmac.keys.file=" + keysFile, "-Djava.io.tmpdir=" + tmp)))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    URI echoBase = waitForListening();
    // The echo is at <application root>/api/m; SignedApi's paths start at the root.
    root = URI.create(echoBase.toString().replaceFirst("api/m/?$", ""));
    api = RestClientBuilder.newBuilder().baseUri(root).build(SignedApi.class);
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.getOutputStream().close(); // its signal to stop
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor();
      }
    }
    if (log != null && Files.exists(log)) {
      Path reports =
          Files.createDirectories(Path.of(System.getProperty("it.reports.dir", "target")));
      Files.copy(
          log,
          reports.resolve("MicroProfileRestClientIT-server.log"),
          StandardCopyOption.REPLACE_EXISTING);
      ServerLogContract.assertNoSecretIn(log);
    }
  }

  @Test
  void configuration_theKeyIdComesFromMicroProfileConfigOnly() {
    assertThat(RestClientBuilder.newBuilder().getClass().getName()).contains("resteasy");
    assertThat(System.getProperty("hmac.client.key-id")).isNull();
    assertThat(ConfigProvider.getConfig().getValue("hmac.client.key-id", String.class))
        .isEqualTo(ContractKeys.ORDERS.id());
  }

  @Test
  void post_bytesWithEveryValue_arriveByteForByteAndVerified() throws Exception {
    byte[] body = new byte[64 * 1024];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) i;
    }
    assertEcho(api.post("bytes", body), "POST", body);
  }

  @Test
  void post_streamOver1MiB_arrivesByteForByteAndVerified() throws Exception {
    byte[] body = ContractFixture.random(3 * 1024 * 1024 + 17);
    assertEcho(api.postStream("stream", new ByteArrayInputStream(body)), "POST", body);
  }

  @Test
  void put_text_arrivesAsUtf8AndVerified() throws Exception {
    String text = "Grüße, 東京, ☃ — signed";
    assertEcho(api.put("text", text), "PUT", text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void patch_json_arrivesByteForByteAndVerified() throws Exception {
    String json = "{\"op\":\"replace\",\"value\":\"ä\"}";
    assertEcho(api.patch("json", json), "PATCH", json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void get_withAQueryToEncode_isVerified() throws Exception {
    assertEcho(api.get("query", "a b&c=d/é"), "GET", new byte[0]);
  }

  @Test
  void delete_withoutABody_isVerified() throws Exception {
    assertEcho(api.delete("item-42"), "DELETE", new byte[0]);
  }

  @Test
  void builderProperty_choosesTheKeyForOneInterface() {
    // The client's own properties come before MicroProfile Config: a key per interface.
    SignedApi rotating =
        RestClientBuilder.newBuilder()
            .baseUri(root)
            .property("hmac.client.key-id", ContractKeys.ROTATED_OLD.id())
            .build(SignedApi.class);
    try (Response response = rotating.delete("item-43")) {
      assertThat(response.getStatus()).isEqualTo(200);
      assertThat(response.getHeaderString(EchoReply.PRINCIPAL))
          .isEqualTo(ContractKeys.ROTATED_OLD.principal());
    }
  }

  private static void assertEcho(Response response, String method, byte[] sent) throws Exception {
    try (response) {
      assertThat(response.getStatus()).isEqualTo(200);
      assertThat(response.getHeaderString(EchoReply.METHOD)).isEqualTo(method);
      assertThat(response.getHeaderString(EchoReply.BODY_SHA256))
          .isEqualTo(ContractFixture.sha256(sent));
      assertThat(response.getHeaderString(EchoReply.PRINCIPAL))
          .isEqualTo(ContractKeys.ORDERS.principal());
    }
  }

  private URI waitForListening() throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      Matcher m = LISTENING.matcher(Files.readString(log));
      if (m.find()) {
        return URI.create(m.group(1));
      }
      if (!server.isAlive() || Instant.now().isAfter(deadline)) {
        server.destroyForcibly().waitFor();
        throw new IllegalStateException(
            "jersey-grizzly did not start; its output:\n" + Files.readString(log));
      }
      Thread.sleep(50);
    }
  }
}
