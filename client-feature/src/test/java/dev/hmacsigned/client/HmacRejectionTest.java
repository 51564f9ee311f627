package dev.hmacsigned.client;

import static dev.hmacsigned.client.TestKeys.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.RejectionCode;
import dev.hmacsigned.core.RejectionResponse;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A refused request surfaces the server's public code through {@link HmacRejection}. */
class HmacRejectionTest {
  private static VerifyingServer server;
  private static HmacClientFeature wrongSecret;

  @BeforeAll
  static void startServer() throws IOException {
    HmacKey serverKey = TestKeys.randomKey("orders-2026-11");
    server = new VerifyingServer(KeyRing.of(serverKey));
    // Same key id, another secret: the server cannot verify, and only says invalid_signature.
    wrongSecret = HmacClientFeature.builder().key(TestKeys.randomKey("orders-2026-11")).build();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void from_serverKeyDiffers_isInvalidSignatureAndEntityStaysReadable(ClientKind kind) {
    try (Client client = kind.builder().register(wrongSecret).build();
        Response response = client.target(server.uri("/api/items?a=1")).request().get()) {
      Optional<HmacRejection> rejection = HmacRejection.from(response);

      assertThat(rejection).isPresent();
      assertThat(rejection.get().code()).isEqualTo(RejectionCode.INVALID_SIGNATURE);
      assertThat(rejection.get().status()).isEqualTo(401);
      assertThat(rejection.get().detail()).contains(RejectionCode.INVALID_SIGNATURE.advice());
      assertThat(rejection.get()).hasToString("HmacRejection[401 invalid_signature]");
      assertThat(response.readEntity(String.class)).contains("\"code\":\"invalid_signature\"");
    }
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void from_rejectedPostWithEntity_isInvalidSignature(ClientKind kind) {
    try (Client client = kind.builder().register(wrongSecret).build();
        Response response =
            client
                .target(server.uri("/shop/api/orders"))
                .request()
                .post(Entity.json(new Order("A-1", 1, "é")))) {
      assertThat(HmacRejection.from(response).map(HmacRejection::code))
          .contains(RejectionCode.INVALID_SIGNATURE);
    }
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void from_typedCallThrows_readsTheExceptionsResponse(ClientKind kind) {
    try (Client client = kind.builder().register(wrongSecret).build()) {
      NotAuthorizedException e =
          catchThrowableOfType(
              NotAuthorizedException.class,
              () -> client.target(server.uri("/api/items")).request().get(String.class));

      assertThat(HmacRejection.from(e.getResponse()).map(HmacRejection::code))
          .contains(RejectionCode.INVALID_SIGNATURE);
    }
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void from_everyPublicCodeOfCore_isRecognized(ClientKind kind) {
    try (Client client = kind.builder().build()) {
      for (RejectionCode code : RejectionCode.values()) {
        RejectionResponse canned = RejectionResponse.of(code, "api");
        server.cannedAnswer(canned.status(), RejectionResponse.CONTENT_TYPE, canned.body());
        try (Response response = client.target(server.uri("/canned")).request().get()) {
          assertThat(HmacRejection.from(response))
              .get()
              .returns(code, HmacRejection::code)
              .returns(code.status(), HmacRejection::status);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void from_notAProtocolRejection_isEmpty(ClientKind kind) {
    try (Client client = kind.builder().build()) {
      assertThat(canned(client, 200, "application/problem+json", "{\"code\":\"stale_timestamp\"}"))
          .isEmpty();
      assertThat(canned(client, 401, "text/plain", "{\"code\":\"stale_timestamp\"}")).isEmpty();
      assertThat(canned(client, 401, "application/problem+json", "{\"code\":\"teapot\"}"))
          .isEmpty();
      assertThat(canned(client, 401, "application/problem+json", "{\"code\":\"stale_")).isEmpty();
      assertThat(
              canned(client, 403, "application/problem+json", "{\"code\":\"invalid_signature\"}"))
          .isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void from_entityAlreadyConsumed_isEmpty(ClientKind kind) {
    try (Client client = kind.builder().register(wrongSecret).build();
        Response response = client.target(server.uri("/api/items")).request().get()) {
      response.readEntity(String.class);

      assertThat(HmacRejection.from(response)).isEmpty();
    }
  }

  @Test
  void from_null_isEmpty() {
    assertThat(HmacRejection.from(null)).isEmpty();
  }

  private static Optional<HmacRejection> canned(
      Client client, int status, String contentType, String body) {
    server.cannedAnswer(status, contentType, utf8(body));
    try (Response response = client.target(server.uri("/canned")).request().get()) {
      return HmacRejection.from(response);
    }
  }
}
