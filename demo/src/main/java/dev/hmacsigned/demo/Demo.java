package dev.hmacsigned.demo;

import dev.hmacsigned.client.HmacClientFeature;
import dev.hmacsigned.client.HmacRejection;
import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.KeySource;
import dev.hmacsigned.core.SignedHeaders;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The runnable story of the README.
 *
 * <pre>
 * java -jar hmac-signed-demo.jar                                   # the story, exits 0
 * java -jar hmac-signed-demo.jar serve --port 8080 --keys keys.properties
 * java -Dhmac.clock-skew=60 -jar hmac-signed-demo.jar serve --keys keys.properties
 * java -Dhmac.replay.store=redis -Dhmac.replay.redis.uri=redis://127.0.0.1:6379 \
 *      -jar hmac-signed-demo.jar serve --port 8081 --keys keys.properties   # one node of two
 * </pre>
 *
 * <p>{@code serve} speaks HTTP/1.1 and h2c on one port and reads the other settings of
 * docs/protocol.md §8 ({@code hmac.clock-skew}, {@code hmac.max-body-bytes}, {@code hmac.realm},
 * {@code hmac.replay.store}) from system properties or the environment; {@code --keys} may be
 * replaced by {@code hmac.keys.file}. The jar carries the Redis replay store ({@code
 * hmac.replay.store=redis}, {@code hmac.replay.redis.*}): two {@code serve} processes sharing one
 * Redis reject a request replayed from one to the other.
 */
public final class Demo {
  private static int failures;

  private Demo() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("serve")) {
      serve(args);
      return;
    }
    story();
    System.exit(failures == 0 ? 0 : 1);
  }

  private static void serve(String[] args) throws Exception {
    int port = 8080;
    Path keys = null;
    String host = "127.0.0.1";
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = port(value(args, ++i));
        case "--keys" -> keys = Path.of(value(args, ++i));
        case "--host" -> host = value(args, ++i);
        default -> usage("unknown option " + args[i]);
      }
    }
    // The other settings (hmac.clock-skew, hmac.max-body-bytes, hmac.realm, hmac.replay.store)
    // come from system properties or the environment, as for any application (protocol.md §8).
    HmacConfig config = HmacConfig.lookup(null);
    if (keys == null) {
      keys = config.keysFile().orElse(null);
    }
    if (keys == null) {
      usage("--keys FILE (or -Dhmac.keys.file=FILE) is required: see docs/protocol.md §7.1");
    }
    HmacVerifier verifier;
    try {
      verifier = config.verifierBuilder(KeySource.keysFile(keys)).build();
    } catch (HmacConfigurationException e) {
      usage(e.getMessage());
      return;
    }
    DemoServer server = DemoServer.start(host, port, verifier);
    System.out.println(
        "hmac-signed demo listening on http://" + host + ":" + server.port() + " (HTTP/1.1, h2c)");
    System.out.println("  POST /api/echo        @HmacSigned   echoes the body, X-Hmac-Principal");
    System.out.println("  GET  /api/items/{id}  @HmacSigned   the id and the raw query");
    System.out.println("  GET  /api/health      open");
    System.out.println(
        "  POST /servlet/echo, GET /servlet/items/<id> behind HmacServletFilter;"
            + " GET /servlet/health open");
    server.join();
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      usage(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    usage("--port must be a number from 0 (any free port) to 65535; got '" + value + "'");
    return -1;
  }

  private static void usage(String problem) {
    System.err.println(problem);
    System.err.println(
        "usage: java [-Dhmac.NAME=VALUE ...] -jar hmac-signed-demo.jar"
            + " [serve --port P --keys FILE [--host H]]");
    System.exit(2);
  }

  private static void story() throws Exception {
    Path dir = Files.createTempDirectory("hmac-demo-");
    Path keysFile = dir.resolve("keys.properties");
    byte[] v1 = secret();
    byte[] v2 = secret();
    writeKeys(
        keysFile, "orders-v1.secret=base64:" + b64(v1) + "\norders-v1.principal=orders-service\n");
    HmacKey keyV1 = HmacKey.builder("orders-v1").secret(v1).build();
    HmacKey keyV2 = HmacKey.builder("orders-v2").secret(v2).build();

    // The story shows the defaults: it reads no hmac.* settings from the environment.
    HmacVerifier verifier = HmacVerifier.builder().keySource(KeySource.keysFile(keysFile)).build();
    try (DemoServer server = DemoServer.start("127.0.0.1", 0, verifier);
        Client client = signedClient(keyV1)) {
      URI base = URI.create("http://127.0.0.1:" + server.port() + "/");
      System.out.println("hmac-signed demo: Jersey and servlets on Jetty at " + base);
      System.out.println();

      Response ok =
          client
              .target(base)
              .path("api/echo")
              .request()
              .post(
                  Entity.entity(
                      "{\"order\":\"A-1001\",\"note\":\"Zoë\"}", MediaType.APPLICATION_JSON));
      expect(
          "1. signed POST /api/echo",
          ok,
          200,
          "accepted, principal "
              + ok.getHeaderString("X-Hmac-Principal")
              + ", body echoed: "
              + ok.readEntity(String.class));

      HttpClient http = HttpClient.newHttpClient();
      byte[] signedBody = "{\"amount\":10}".getBytes(StandardCharsets.UTF_8);
      HttpRequest.Builder tampered =
          signedRequest(keyV1, base, "api/echo", signedBody, InstantSource.system());
      HttpResponse<String> tamperedReply =
          http.send(
              tampered.POST(HttpRequest.BodyPublishers.ofString("{\"amount\":10000}")).build(),
              HttpResponse.BodyHandlers.ofString());
      expect(
          "2. body changed after signing",
          tamperedReply.statusCode(),
          tamperedReply.body(),
          401,
          "invalid_signature");

      HttpRequest replay =
          signedRequest(keyV1, base, "api/echo", signedBody, InstantSource.system())
              .POST(HttpRequest.BodyPublishers.ofByteArray(signedBody))
              .build();
      HttpResponse<String> first = http.send(replay, HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> second = http.send(replay, HttpResponse.BodyHandlers.ofString());
      expect("3a. a signed request", first.statusCode(), first.body(), 200, null);
      expect(
          "3b. the same request replayed",
          second.statusCode(),
          second.body(),
          401,
          "replayed_nonce");

      InstantSource tenMinutesSlow = () -> Instant.now().minusSeconds(600);
      HttpResponse<String> stale =
          http.send(
              signedRequest(keyV1, base, "api/echo", signedBody, tenMinutesSlow)
                  .POST(HttpRequest.BodyPublishers.ofByteArray(signedBody))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      expect(
          "4. signed by a clock 10 minutes slow",
          stale.statusCode(),
          stale.body(),
          401,
          "stale_timestamp");

      System.out.println();
      System.out.println("   rotating: keys file now has orders-v2 active and orders-v1 revoked");
      writeKeys(
          keysFile,
          "orders-v1.secret=base64:"
              + b64(v1)
              + "\norders-v1.status=revoked\n"
              + "orders-v2.secret=base64:"
              + b64(v2)
              + "\norders-v2.principal=orders-service\n");
      Thread.sleep(1100); // the keys file is checked at most once a second
      try (Client rotated = signedClient(keyV2)) {
        Response newKey =
            rotated.target(base).path("api/items/42").queryParam("expand", "lines").request().get();
        expect(
            "5a. GET /api/items/42 with the new key orders-v2",
            newKey,
            200,
            newKey.readEntity(String.class));
        Response oldKey = client.target(base).path("api/items/42").request().get();
        String code = HmacRejection.from(oldKey).map(r -> r.code().code()).orElse("?");
        expect(
            "5b. the old key orders-v1 after revocation",
            oldKey.getStatus(),
            code,
            401,
            "invalid_signature");
        Response servlet =
            rotated
                .target(base)
                .path("servlet/echo")
                .request()
                .post(Entity.entity("through HmacServletFilter", MediaType.TEXT_PLAIN));
        expect(
            "6. POST /servlet/echo (plain servlet behind HmacServletFilter)",
            servlet,
            200,
            "accepted, principal " + servlet.getHeaderString("X-Hmac-Principal"));
      }
    }
    System.out.println();
    System.out.println(
        failures == 0 ? "All as expected." : failures + " step(s) did not go as expected.");
  }

  private static Client signedClient(HmacKey key) {
    return ClientBuilder.newBuilder()
        .register(HmacClientFeature.builder().key(key).build())
        .build();
  }

  /** Signs with core directly, so that the story can tamper with what the client feature won't. */
  private static HttpRequest.Builder signedRequest(
      HmacKey key, URI base, String path, byte[] body, InstantSource clock) {
    URI uri = base.resolve(path);
    SignedHeaders signed =
        HmacSigner.builder(key)
            .clock(clock)
            .build()
            .sign(
                "POST",
                uri.getRawPath(),
                uri.getRawQuery(),
                Map.of(
                    "Host",
                    List.of(uri.getHost() + ":" + uri.getPort()),
                    "Content-Type",
                    List.of("application/json")),
                body);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .header("Authorization", signed.authorization());
    signed.contentDigestHeader().ifPresent(d -> request.header("Content-Digest", d));
    return request;
  }

  private static void expect(String step, Response response, int status, String detail) {
    boolean ok = response.getStatus() == status;
    report(step, ok, response.getStatus() + " " + (ok ? detail : ""));
  }

  private static void expect(
      String step, int status, String body, int wantStatus, String wantCode) {
    boolean ok = status == wantStatus && (wantCode == null || body.contains(wantCode));
    report(step, ok, status + (wantCode == null ? " accepted" : " " + wantCode));
  }

  private static void report(String step, boolean ok, String outcome) {
    if (!ok) {
      failures++;
    }
    System.out.printf("%s %-58s -> %s%n", ok ? "[ok]" : "[!!]", step, outcome);
  }

  private static byte[] secret() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return secret;
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static void writeKeys(Path file, String content) throws java.io.IOException {
    Path tmp = file.resolveSibling("keys.tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(
        tmp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
