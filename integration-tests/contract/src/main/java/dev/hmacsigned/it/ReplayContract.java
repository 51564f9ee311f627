package dev.hmacsigned.it;

import static dev.hmacsigned.it.ContractFixture.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.testing.RawHttpClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Replay protection on the server, through the replay store it is configured with ({@link
 * ContractSuite#REPLAY_STORE}): a request sent twice is accepted once, and when the store cannot
 * answer ({@link ContractKeys#REPLAY_STORE_OUTAGE}) the server fails closed with a 503, and nothing
 * else breaks. (A replay from 16 threads at once is in {@link ConcurrencyContract}.)
 */
public interface ReplayContract extends ContractConcern {
  @Test
  default void rejection_replay_isRejectedAndTheFirstStillAccepted() throws IOException {
    RawHttpClient.Request request = fixture().validRequest();
    assertThat(request.send().status()).isEqualTo(200);
    assertRejected(request.send(), 401, "replayed_nonce");
  }

  @Test
  default void rejection_replayStoreUnavailable_is503AndFailsClosed() throws IOException {
    ContractFixture f = fixture();
    // The contract's replay store cannot answer for any request signed with this key: a store
    // outage on a real server that breaks nothing else.
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    RawHttpClient.Request duringTheOutage =
        f.signed(
            ContractKeys.REPLAY_STORE_OUTAGE.hmacKey(),
            "POST",
            f.path("api/echo"),
            body,
            Instant.now());
    assertRejected(duringTheOutage.send(), 503, "replay_store_unavailable");
    // The outage answered one request and broke nothing: the same call with a fresh nonce, under a
    // key the store answers for, passes.
    RawHttpClient.Response accepted =
        f.signed(ContractKeys.ORDERS.hmacKey(), "POST", f.path("api/echo"), body, Instant.now())
            .send();
    assertThat(accepted.status()).isEqualTo(200);
    assertThat(accepted.body()).isEqualTo(body);
  }
}
