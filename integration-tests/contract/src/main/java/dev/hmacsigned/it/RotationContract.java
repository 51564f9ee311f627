package dev.hmacsigned.it;

import static dev.hmacsigned.it.ContractFixture.assertRejected;
import static dev.hmacsigned.it.ContractFixture.newClient;
import static dev.hmacsigned.it.ContractFixture.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.Algorithm;
import dev.hmacsigned.core.HmacKey;
import jakarta.ws.rs.client.Client;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The keys file: a key added and another revoked while the server runs, and the keys it must
 * refuse, whatever the request: revoked, unknown, and a key used with another algorithm than its
 * own.
 */
public interface RotationContract extends ContractConcern {
  @Test
  default void rotation_keysFileRewrittenWhileRunning_addsTheNewKeyThenRevokesTheOld()
      throws Exception {
    ContractFixture f = fixture();
    try (Client oldClient = newClient(ContractKeys.ROTATED_OLD.hmacKey());
        Client newClient = newClient(ContractKeys.ROTATED_NEW.hmacKey())) {
      assertThat(whoami(oldClient)).isEqualTo(200);
      assertThat(whoami(newClient)).as("the new key, not yet in the file").isEqualTo(401);

      f.writeKeys(ContractKeys.Rotation.BOTH);
      assertThat(awaitWhoami(newClient, 200)).as("the new key, once added").isEqualTo(200);
      assertThat(whoami(oldClient)).as("the old key, during the overlap").isEqualTo(200);

      f.writeKeys(ContractKeys.Rotation.NEW_ONLY);
      assertThat(awaitWhoami(oldClient, 401)).as("the old key, once revoked").isEqualTo(401);
      assertThat(whoami(newClient)).isEqualTo(200);
    } finally {
      f.writeKeys(ContractKeys.Rotation.OLD_ONLY);
    }
  }

  @Test
  default void rejection_unknownKey_isInvalidSignature() throws IOException {
    HmacKey stranger = ContractKeys.stranger("stranger").hmacKey();
    assertRejected(
        fixture().signedGet(stranger, "api/whoami", Instant.now()).send(),
        401,
        "invalid_signature");
  }

  @Test
  default void rejection_revokedKey_isInvalidSignature() throws IOException {
    assertRejected(
        fixture().signedGet(ContractKeys.REVOKED.hmacKey(), "api/whoami", Instant.now()).send(),
        401,
        "invalid_signature");
  }

  @Test
  default void rejection_algorithmDowngrade_isInvalidSignature() throws IOException {
    // The admin key is an HMAC-SHA512 key; the same secret used as HMAC-SHA256 must not pass.
    ContractKeys.Key admin = ContractKeys.ADMIN;
    HmacKey downgraded =
        HmacKey.builder(admin.id()).secret(admin.secret()).algorithm(Algorithm.HMAC_SHA256).build();
    assertRejected(
        fixture().signedGet(downgraded, "api/admin", Instant.now()).send(),
        401,
        "invalid_signature");
  }

  private int whoami(Client caller) {
    return status(caller.target(fixture().server().baseUri()).path("api/whoami").request().get());
  }

  /** The server re-reads its keys file at most once a second, when a request comes. */
  private int awaitWhoami(Client caller, int expected) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(10);
    int status = whoami(caller);
    while (status != expected && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      status = whoami(caller);
    }
    return status;
  }
}
