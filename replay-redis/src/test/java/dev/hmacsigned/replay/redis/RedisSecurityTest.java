package dev.hmacsigned.replay.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hmacsigned.core.ReplayStoreUnavailableException;
import dev.hmacsigned.testing.RedisServerProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication and TLS on a real {@code redis-server}: an ACL user with a password limited to the
 * store's keys and command, {@code requirepass} of the default user, and {@code rediss://} with a
 * throwaway certificate made by openssl for this run. No password appears in any message.
 */
class RedisSecurityTest {
  private static final String PASSWORD = "pw-" + UUID.randomUUID();

  @TempDir static Path dir;
  private static RedisServerProcess redis;
  private static int tlsPort;

  @BeforeAll
  static void startRedis() throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    run(
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        key.toString(),
        "-out",
        cert.toString(),
        "-days",
        "1",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=IP:127.0.0.1,DNS:localhost");
    Path trust = dir.resolve("trust.p12");
    run(
        "keytool",
        "-importcert",
        "-noprompt",
        "-alias",
        "redis",
        "-file",
        cert.toString(),
        "-keystore",
        trust.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit");
    // Lettuce verifies the server against the JVM's trust store, as a user configures it.
    System.setProperty("javax.net.ssl.trustStore", trust.toString());
    System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
    System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");

    tlsPort = RedisServerProcess.freePort();
    redis =
        RedisServerProcess.start(
            dir.resolve("redis"),
            "--tls-port",
            Integer.toString(tlsPort),
            "--tls-cert-file",
            cert.toString(),
            "--tls-key-file",
            key.toString(),
            "--tls-ca-cert-file",
            cert.toString(),
            "--tls-auth-clients",
            "no");
    // The least an ACL user of the store needs: connecting, SET, and only its own keys.
    assertThat(
            redis.command(
                "ACL",
                "SETUSER",
                "hmac",
                "on",
                ">" + PASSWORD,
                "resetkeys",
                "~hmac:replay:*",
                "-@all",
                "+@connection",
                "+set"))
        .isEqualTo("OK");
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("%s: %s", List.of(command), output).isZero();
  }

  private static Instant soon() {
    return Instant.now().plusSeconds(60);
  }

  private static String everything(Throwable failure) {
    StringWriter text = new StringWriter();
    failure.printStackTrace(new PrintWriter(text));
    return text + failure.toString();
  }

  @Test
  void aclUserWithPassword_recordsAndSeesTheRepeat() {
    String uri = "redis://hmac:" + PASSWORD + "@127.0.0.1:" + redis.port();
    try (RedisReplayStore store = RedisReplayStore.builder(uri).build()) {
      RedisReplayStoreTest.connected(store);
      String nonce = UUID.randomUUID().toString();
      assertThat(store.recordIfAbsent("orders", nonce, soon())).isTrue();
      assertThat(store.recordIfAbsent("orders", nonce, soon())).isFalse();
      assertThat(store.toString()).contains("redis://hmac@127.0.0.1").doesNotContain(PASSWORD);
    }
  }

  @Test
  void aclUserWithTheWrongPassword_failsClosed_withoutThePassword() {
    String wrong = "not-" + PASSWORD;
    String uri = "redis://hmac:" + wrong + "@127.0.0.1:" + redis.port();
    try (RedisReplayStore store = RedisReplayStore.builder(uri).build()) {
      Throwable failure = catchThrowable(() -> store.recordIfAbsent("orders", "n1", soon()));
      assertThat(failure).isInstanceOf(ReplayStoreUnavailableException.class);
      assertThat(everything(failure)).doesNotContain(wrong).doesNotContain(PASSWORD);
      assertThat(store.toString()).doesNotContain(wrong);
    }
  }

  @Test
  void aclUserOutsideItsKeys_failsClosed() {
    String uri = "redis://hmac:" + PASSWORD + "@127.0.0.1:" + redis.port();
    try (RedisReplayStore store = RedisReplayStore.builder(uri).keyPrefix("other:").build()) {
      assertThat(catchThrowable(() -> store.recordIfAbsent("orders", "n1", soon())))
          .isInstanceOf(ReplayStoreUnavailableException.class)
          .hasMessageContaining("NOPERM");
    }
  }

  @Test
  void requirepass_passwordOnlyUri_records() throws IOException {
    try (RedisServerProcess protectedRedis =
            RedisServerProcess.start(dir.resolve("requirepass"), "--requirepass", PASSWORD);
        RedisReplayStore store =
            RedisReplayStore.builder("redis://" + PASSWORD + "@127.0.0.1:" + protectedRedis.port())
                .build();
        RedisReplayStore without =
            RedisReplayStore.builder("redis://127.0.0.1:" + protectedRedis.port()).build()) {
      RedisReplayStoreTest.connected(store);
      assertThat(store.recordIfAbsent("orders", "n1", soon())).isTrue();
      assertThat(store.recordIfAbsent("orders", "n1", soon())).isFalse();
      assertThat(store.toString()).doesNotContain(PASSWORD);
      assertThat(catchThrowable(() -> without.recordIfAbsent("orders", "n2", soon())))
          .isInstanceOf(ReplayStoreUnavailableException.class);
    }
  }

  @Test
  void rediss_verifiedCertificate_aclUser_records() {
    String uri = "rediss://hmac:" + PASSWORD + "@127.0.0.1:" + tlsPort;
    try (RedisReplayStore store = RedisReplayStore.builder(uri).build()) {
      RedisReplayStoreTest.connected(store);
      String nonce = UUID.randomUUID().toString();
      assertThat(store.recordIfAbsent("orders", nonce, soon())).isTrue();
      assertThat(store.recordIfAbsent("orders", nonce, soon())).isFalse();
      assertThat(store.toString()).startsWith("RedisReplayStore[rediss://hmac@127.0.0.1:");
    }
  }

  @Test
  void plainRedisOnTheTlsPort_failsClosed() {
    try (RedisReplayStore store =
        RedisReplayStore.builder("redis://127.0.0.1:" + tlsPort).build()) {
      assertThat(catchThrowable(() -> store.recordIfAbsent("orders", "n1", soon())))
          .isInstanceOf(ReplayStoreUnavailableException.class);
    }
  }
}
