package dev.hmacsigned.it;

import static dev.hmacsigned.it.ContractFixture.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.testing.RawHttpClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The server's log: a rejection is logged with its reason and key id, and no secret of the keys
 * file ever is. The second is checked once the server has stopped and its log is complete ({@link
 * #assertNoSecretIn}, called by {@link ContractSuite} after the last test).
 */
public interface ServerLogContract extends ContractConcern {
  @Test
  default void rejection_isLoggedOnTheServerWithItsReasonAndKeyId() throws Exception {
    ContractFixture f = fixture();
    String id = UUID.randomUUID().toString();
    RawHttpClient.Request request =
        f.signedGet(ContractKeys.LOG_PROBE.hmacKey(), "api/items/" + id, Instant.now());
    assertThat(request.send().status()).isEqualTo(200);
    assertRejected(request.send(), 401, "replayed_nonce");
    String line = "code=replayed_nonce reason=REPLAYED_NONCE";
    Instant deadline = Instant.now().plusSeconds(20); // a server may buffer its log briefly
    // GlassFish 7.0.x may start with its log writer stopped (the pump thread races the handler's
    // status and can end at once: eclipse-ee4j/glassfish PR #25544, fixed in 7.1.0); it then
    // queues every record and writes none. A change of its logging.properties restarts the writer,
    // which writes what was queued, and may lose the same race again: touched every 2 s.
    String logConfig = System.getProperty("it.server.log-config");
    Instant nextTouch = Instant.now().plusSeconds(2);
    int touches = 0;
    while (!f.logLinesWith(id).contains(line) && Instant.now().isBefore(deadline)) {
      if (logConfig != null && Instant.now().isAfter(nextTouch)) {
        Files.setLastModifiedTime(Path.of(logConfig), FileTime.from(Instant.now()));
        nextTouch = Instant.now().plusSeconds(2);
        touches++;
      }
      Thread.sleep(100);
    }
    int touched = touches;
    assertThat(f.logLinesWith(id))
        .as(() -> diagnostics(f, id) + "\nlogging.properties touched " + touched + " times")
        .contains(line)
        .contains("keyId=" + ContractKeys.LOG_PROBE.id());
    // The caller's address: from the servlet request (the servlet filter, and on servlet
    // containers the JAX-RS filter through RemoteAddressListener) or from the runtime's own
    // request (Grizzly: the embedded server's filter does what the README tells users).
    // GlassFish's log format closes each record with "]]" right after the message.
    assertThat(f.logLinesWith(id))
        .as("the caller's address in the log line")
        .containsPattern("remote=(127\\.0\\.0\\.1|0:0:0:0:0:0:0:1|::1|\\[::1\\])(\\s|$|\\]\\])");
  }

  /** Why a line may be missing: which files there are, how full the disk is, what came last. */
  private static String diagnostics(ContractFixture f, String id) {
    try {
      return "the log line of the rejected request "
          + id
          + " (rejections logged in all: "
          + f.serverLogText().lines().filter(l -> l.contains("HMAC rejected:")).count()
          + "); "
          + f.serverLogDiagnostics();
    } catch (IOException e) {
      return "the server's log, unreadable: " + e;
    }
  }

  /**
   * The keys file's secrets never reach the server's log, in either of their usual spellings
   * (base64 as in the file, hex in any case).
   *
   * @param serverLog the log of a server that has stopped
   * @throws IOException if the log cannot be read
   */
  static void assertNoSecretIn(Path serverLog) throws IOException {
    String log = ServerLog.text(serverLog); // with the files it was rotated into
    for (ContractKeys.Key k : ContractKeys.all()) {
      assertThat(log)
          .as("the server log")
          .doesNotContain(k.secretBase64())
          .doesNotContainIgnoringCase(HexFormat.of().formatHex(k.secret()));
    }
  }
}
