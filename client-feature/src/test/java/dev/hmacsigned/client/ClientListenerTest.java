package dev.hmacsigned.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.RejectionCode;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client's listener is told of every answer to a signed request, by a real server that
 * verifies: accepted, or the protocol code it was refused with; the caller still reads the whole
 * answer.
 */
class ClientListenerTest {
  private static HmacKey key;
  private static VerifyingServer server;

  @BeforeAll
  static void startServer() throws IOException {
    key = TestKeys.randomKey("orders-2026-11");
    server = new VerifyingServer(KeyRing.of(key));
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  record Answer(int status, @Nullable RejectionCode rejection) {}

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void listener_acceptedAndRejectedRequests_isToldStatusAndCode(ClientKind kind) {
    List<Answer> answers = new CopyOnWriteArrayList<>();
    HmacClientListener listener = (status, code) -> answers.add(new Answer(status, code));
    HmacKey impostor = TestKeys.randomKey("orders-2026-11"); // the right id, another secret
    try (Client good = kind.builder().register(feature(key, listener)).build();
        Client bad = kind.builder().register(feature(impostor, listener)).build()) {
      try (Response ok =
          good.target(server.uri("/api/orders")).request().post(Entity.text("an order"))) {
        assertThat(ok.getStatus()).isEqualTo(200);
        assertThat(ok.readEntity(String.class)).isEqualTo("an order");
      }
      try (Response refused = bad.target(server.uri("/api/orders")).request().get()) {
        assertThat(refused.getStatus()).isEqualTo(401);
        // The listener peeked at the problem document; the caller still gets all of it.
        assertThat(HmacRejection.from(refused).map(HmacRejection::code))
            .contains(RejectionCode.INVALID_SIGNATURE);
      }
    }
    assertThat(answers)
        .containsExactly(new Answer(200, null), new Answer(401, RejectionCode.INVALID_SIGNATURE));
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void listener_otherErrorsAndOversizedProblems_areNotRejections(ClientKind kind) {
    List<Answer> answers = new CopyOnWriteArrayList<>();
    try (Client client =
        kind.builder().register(feature(key, (s, c) -> answers.add(new Answer(s, c)))).build()) {
      server.cannedAnswer(
          401,
          "application/problem+json",
          "{\"code\":\"some_other_scheme\"}".getBytes(StandardCharsets.UTF_8));
      try (Response other = client.target(server.uri("/canned")).request().get()) {
        assertThat(other.getStatus()).isEqualTo(401);
      }
      byte[] huge = new byte[ProblemJson.MAX_BYTES + 10];
      java.util.Arrays.fill(huge, (byte) ' ');
      byte[] code = "{\"code\":\"invalid_signature\"}".getBytes(StandardCharsets.UTF_8);
      System.arraycopy(code, 0, huge, huge.length - code.length, code.length);
      server.cannedAnswer(401, "application/problem+json", huge);
      try (Response oversized = client.target(server.uri("/canned")).request().get()) {
        assertThat(oversized.readEntity(byte[].class)).isEqualTo(huge);
      }
    }
    assertThat(answers).containsExactly(new Answer(401, null), new Answer(401, null));
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void listener_throws_theCallerStillGetsTheResponse(ClientKind kind) {
    HmacClientListener broken =
        (status, code) -> {
          throw new IllegalStateException("meter bug");
        };
    try (Client client = kind.builder().register(feature(key, broken)).build();
        Response response = client.target(server.uri("/api/items")).request().get()) {
      assertThat(response.getStatus()).isEqualTo(200);
    }
  }

  private static HmacClientFeature feature(HmacKey key, HmacClientListener listener) {
    return HmacClientFeature.builder().key(key).listener(listener).build();
  }
}
