package dev.hmacsigned.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.Algorithm;
import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.testing.RawHttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter declared by class name, configured the way {@code web.xml} does it (init parameters
 * named as protocol v1 §8), and declared with no parameters at all (system properties): keys come
 * from a keys file that rotates while the server runs.
 */
class HmacServletFilterConfigurationTest {
  @TempDir static Path directory;

  static final byte[] OLD_SECRET = TestKeys.secret(Algorithm.HMAC_SHA256);
  static final byte[] NEW_SECRET = TestKeys.secret(Algorithm.HMAC_SHA256);
  static final byte[] PROPERTIES_SECRET = TestKeys.secret(Algorithm.HMAC_SHA256);

  static final HmacSigner OLD = signer("orders-2026-10", OLD_SECRET);
  static final HmacSigner NEW = signer("orders-2026-11", NEW_SECRET);
  static final HmacSigner FROM_PROPERTIES = signer("billing", PROPERTIES_SECRET);

  static Path keysFile;
  static TestServer server;
  static RawHttpClient wire;

  static HmacSigner signer(String keyId, byte[] secret) {
    return HmacSigner.builder(HmacKey.builder(keyId).secret(secret).build()).build();
  }

  @BeforeAll
  static void startServer() throws Exception {
    keysFile = directory.resolve("keys.properties");
    writeKeys(keysFile, keys("active"));
    Path propertiesKeys = directory.resolve("properties-keys.properties");
    writeKeys(
        propertiesKeys,
        "billing.secret=base64:"
            + TestKeys.base64(PROPERTIES_SECRET)
            + "\nbilling.roles=billing\n");

    server = new TestServer();
    server
        .context("/files")
        .filter(
            HmacServletFilter.class,
            Map.of(
                HmacConfig.KEYS_FILE, keysFile.toString(),
                HmacConfig.CLOCK_SKEW, "120",
                HmacConfig.MAX_BODY_BYTES, "4096",
                HmacConfig.REALM, "files",
                HmacConfig.REPLAY_STORE, "memory"))
        .servlet("/echo", new TestServlets.Echo())
        .servlet("/whoami", new TestServlets.WhoAmI());
    server
        .context("/properties")
        .filter(HmacServletFilter.class, Map.of())
        .servlet("/whoami", new TestServlets.WhoAmI());
    // A filter without init parameters reads system properties once, in init(): set them for the
    // start only.
    System.setProperty(HmacConfig.KEYS_FILE, propertiesKeys.toString());
    System.setProperty(HmacConfig.REALM, "from-properties");
    try {
      server.start();
    } finally {
      System.clearProperty(HmacConfig.KEYS_FILE);
      System.clearProperty(HmacConfig.REALM);
    }
    wire = server.wire();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  /** The old key in the given status, and the new key, with principals and roles. */
  static String keys(String oldStatus) {
    return "# rotated by the test\n"
        + "orders-2026-10.secret=base64:"
        + TestKeys.base64(OLD_SECRET)
        + "\n"
        + "orders-2026-10.status="
        + oldStatus
        + "\n"
        + "orders-2026-10.roles=orders.read\n"
        + "orders-2026-11.secret=base64:"
        + TestKeys.base64(NEW_SECRET)
        + "\n"
        + "orders-2026-11.principal=orders-service\n"
        + "orders-2026-11.roles=orders.read, orders.write\n";
  }

  /** Replaces the file in one step, so the filter never reads half of it. */
  static void writeKeys(Path file, String content) throws Exception {
    Path next = Files.createTempFile(file.getParent(), "keys", ".tmp");
    Files.writeString(next, content, StandardCharsets.UTF_8);
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static RawHttpClient.Response whoami(String pathAndQuery, HmacSigner signer) throws Exception {
    return wire.get(pathAndQuery).signedWith(signer).send();
  }

  @Test
  void init_keysFileChangesRevokingOldKey_oldRejectedNewAcceptedWithoutRestart() throws Exception {
    assertThat(whoami("/files/whoami", OLD).status()).isEqualTo(200);
    assertThat(whoami("/files/whoami", NEW).status()).isEqualTo(200);

    writeKeys(keysFile, keys("revoked"));
    try {
      RawHttpClient.Response old = awaitStatusOtherThan(200, OLD);

      assertThat(old.status()).isEqualTo(401);
      assertThat(old.problemCode()).isEqualTo("invalid_signature");
      assertThat(old.headers("WWW-Authenticate"))
          .containsExactly("HMAC-SHA256 realm=\"files\"", "HMAC-SHA512 realm=\"files\"");
      assertThat(whoami("/files/whoami", NEW).status()).isEqualTo(200);
    } finally {
      writeKeys(keysFile, keys("active"));
      assertThat(awaitStatusOtherThan(401, OLD).status()).isEqualTo(200);
    }
  }

  /** Polls until the keys file was re-read, which happens at most once a second. */
  static RawHttpClient.Response awaitStatusOtherThan(int status, HmacSigner signer)
      throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
    RawHttpClient.Response response = whoami("/files/whoami", signer);
    while (response.status() == status && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      response = whoami("/files/whoami", signer);
    }
    return response;
  }

  @Test
  void getUserPrincipal_keyWithPrincipalAndRoles_comesFromKeysFile() throws Exception {
    RawHttpClient.Response response =
        whoami("/files/whoami?role=orders.read&role=orders.write&role=admin&role=**&role=*", NEW);

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.text())
        .isEqualTo(
            """
            principal=orders-service
            remoteUser=orders-service
            authType=HMAC
            role orders.read=true
            role orders.write=true
            role admin=false
            role **=true
            role *=false
            keyId=orders-2026-11
            """);
  }

  @Test
  void isUserInRole_keyWithoutPrincipal_principalIsKeyIdWithItsRoles() throws Exception {
    RawHttpClient.Response response =
        whoami("/files/whoami?role=orders.read&role=orders.write", OLD);

    assertThat(response.text())
        .contains("principal=orders-2026-10\n", "role orders.read=true\n")
        .contains("role orders.write=false\n");
  }

  @Test
  void init_maxBodyBytesInitParameter_limitsBody() throws Exception {
    RawHttpClient.Response accepted =
        wire.post("/files/echo", "application/octet-stream", new byte[4096]).signedWith(NEW).send();
    RawHttpClient.Response rejected =
        wire.post("/files/echo", "application/octet-stream", new byte[4097]).signedWith(NEW).send();

    assertThat(accepted.status()).isEqualTo(200);
    assertThat(rejected.status()).isEqualTo(413);
    assertThat(rejected.problemCode()).isEqualTo("body_too_large");
  }

  @Test
  void init_clockSkewInitParameter_limitsWindow() throws Exception {
    HmacSigner late =
        HmacSigner.builder(HmacKey.builder("orders-2026-11").secret(NEW_SECRET).build())
            .clock(InstantSource.fixed(Instant.now().minusSeconds(200)))
            .build();

    RawHttpClient.Response response = whoami("/files/whoami", late);

    // 200 s is inside the default 300 s window, outside the configured 120 s.
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.problemCode()).isEqualTo("stale_timestamp");
  }

  @Test
  void init_noInitParameters_readsSystemProperties() throws Exception {
    RawHttpClient.Response signed = whoami("/properties/whoami?role=billing", FROM_PROPERTIES);
    RawHttpClient.Response unsigned = wire.get("/properties/whoami").send();

    assertThat(signed.status()).as(signed.text()).isEqualTo(200);
    assertThat(signed.text()).contains("principal=billing\n", "role billing=true\n");
    assertThat(unsigned.status()).isEqualTo(401);
    assertThat(unsigned.headers("WWW-Authenticate"))
        .contains("HMAC-SHA256 realm=\"from-properties\"");
  }

  @Test
  void init_keysOfOtherFilter_notAccepted() throws Exception {
    assertThat(whoami("/properties/whoami", NEW).problemCode()).isEqualTo("invalid_signature");
    assertThat(whoami("/files/whoami", FROM_PROPERTIES).problemCode())
        .isEqualTo("invalid_signature");
  }
}
