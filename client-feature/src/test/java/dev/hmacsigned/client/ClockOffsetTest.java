package dev.hmacsigned.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.RejectionCode;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Learning the server's clock from a {@code stale_timestamp} rejection. The server's clock is one
 * hour ahead of the client's. (The JDK's HTTP server always writes its {@code Date} from the system
 * clock, so the skew is put on the client's clock; what the client sees is the same.)
 */
class ClockOffsetTest {
  private static final Duration ONE_HOUR = Duration.ofHours(1);
  private static final InstantSource ONE_HOUR_BEHIND =
      InstantSource.offset(InstantSource.system(), ONE_HOUR.negated());

  private static HmacKey key;
  private static VerifyingServer server;

  @BeforeAll
  static void startServer() throws IOException {
    key = TestKeys.randomKey("orders-2026-11");
    server = new VerifyingServer(KeyRing.of(key), InstantSource.system());
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void learnClockOffset_on_firstCallStaleThenNextCallsSucceed(ClientKind kind) {
    HmacClientFeature feature =
        HmacClientFeature.builder().key(key).clock(ONE_HOUR_BEHIND).learnClockOffset(true).build();
    try (Client client = kind.builder().register(feature).build()) {
      try (Response first = client.target(server.uri("/api/items")).request().get()) {
        assertThat(first.getStatus()).isEqualTo(401);
        // The filter peeked at the problem document; the caller still gets all of it.
        assertThat(HmacRejection.from(first).map(HmacRejection::code))
            .contains(RejectionCode.STALE_TIMESTAMP);
        assertThat(first.readEntity(String.class)).contains("\"code\":\"stale_timestamp\"");
      }
      assertThat(feature.clockOffset())
          .isBetween(ONE_HOUR.minusSeconds(5), ONE_HOUR.plusSeconds(5));

      try (Response second = client.target(server.uri("/api/items")).request().get()) {
        assertThat(second.getStatus()).isEqualTo(200);
      }
      try (Response withBody =
          client.target(server.uri("/api/orders")).request().post(Entity.text("retry"))) {
        assertThat(withBody.getStatus()).isEqualTo(200);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void learnClockOffset_off_everyCallStaysStale(ClientKind kind) {
    HmacClientFeature feature = HmacClientFeature.builder().key(key).clock(ONE_HOUR_BEHIND).build();
    try (Client client = kind.builder().register(feature).build()) {
      for (int i = 0; i < 2; i++) {
        try (Response response = client.target(server.uri("/api/items")).request().get()) {
          assertThat(HmacRejection.from(response).map(HmacRejection::code))
              .contains(RejectionCode.STALE_TIMESTAMP);
        }
      }
      assertThat(feature.clockOffset()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void learnClockOffset_otherRejection_learnsNothing(ClientKind kind) {
    HmacClientFeature wrongSecret =
        HmacClientFeature.builder()
            .key(TestKeys.randomKey("orders-2026-11"))
            .learnClockOffset(true)
            .build();
    try (Client client = kind.builder().register(wrongSecret).build();
        Response response = client.target(server.uri("/api/items")).request().get()) {
      Optional<HmacRejection> rejection = HmacRejection.from(response);

      assertThat(rejection.map(HmacRejection::code)).contains(RejectionCode.INVALID_SIGNATURE);
      assertThat(wrongSecret.clockOffset()).isZero();
    }
  }

  @Test
  void httpDate_imfFixdate_isParsed() {
    assertThat(ClockOffsetFilter.httpDate("Sun, 06 Nov 1994 08:49:37 GMT"))
        .hasValueSatisfying(t -> assertThat(t.getEpochSecond()).isEqualTo(784111777L));
    assertThat(ClockOffsetFilter.httpDate("yesterday")).isEmpty();
    assertThat(ClockOffsetFilter.httpDate(null)).isEmpty();
  }
}
