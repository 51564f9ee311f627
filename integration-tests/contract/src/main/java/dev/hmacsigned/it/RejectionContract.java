package dev.hmacsigned.it;

import static dev.hmacsigned.it.ContractFixture.assertRejected;
import static dev.hmacsigned.it.ContractFixture.newClient;
import static dev.hmacsigned.it.ContractFixture.random;
import static dev.hmacsigned.it.ContractFixture.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.client.HmacRejection;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.RejectionCode;
import dev.hmacsigned.testing.RawHttpClient;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests that must not pass, sent on a raw socket as an attacker would write them: a correctly
 * signed request with one thing changed, a header too long for the server, a timestamp out of the
 * window, a body over the limit. Each gets the documented status and code in a problem document,
 * never a 500, and the server stays healthy. The Java client shows the code to its caller.
 */
public interface RejectionContract extends ContractConcern {
  /**
   * The tamperings of {@link ContractFixture#validRequest()}: {@code POST api/echo?x=1} with a JSON
   * body, {@code host}, {@code content-type} and {@code x-tenant} covered.
   *
   * @return name, tampering, status, code
   */
  default Stream<Arguments> tamperings() {
    ContractFixture f = fixture();
    byte[] otherBody = "{\"a\":2}".getBytes(StandardCharsets.UTF_8);
    String otherAuth =
        "HMAC-SHA256 keyId=\"orders-2026-11\", timestamp=\""
            + Instant.now().getEpochSecond()
            + "\", nonce=\"AAAAAAAAAAAAAAAAAAAAAA\", headers=\"host\", signature=\""
            + "0".repeat(64)
            + "\"";
    return Stream.of(
        tampering("tampered method", r -> r.method("PUT"), 401, "invalid_signature"),
        tampering(
            "tampered path (another signed resource)",
            r -> r.target(f.path("api/digest?x=1")),
            401,
            "invalid_signature"),
        tampering(
            "tampered query", r -> r.target(f.path("api/echo?x=2")), 401, "invalid_signature"),
        tampering(
            "query added", r -> r.target(f.path("api/echo?x=1&y=2")), 401, "invalid_signature"),
        tampering(
            "tampered covered header",
            r -> r.replaceHeader("X-Tenant", "evil"),
            401,
            "invalid_signature"),
        tampering(
            "covered header removed", r -> r.removeHeader("X-Tenant"), 401, "malformed_signature"),
        tampering("tampered body", r -> r.body(otherBody), 401, "invalid_signature"),
        tampering(
            // A body announced by Content-Length needs a Content-Digest: refused before the MAC.
            "tampered body, no Content-Digest",
            r -> r.removeHeader("Content-Digest").body(otherBody),
            401,
            "malformed_signature"),
        tampering(
            "malformed Content-Digest",
            r -> r.replaceHeader("Content-Digest", "sha-256=abc"),
            401,
            "malformed_signature"),
        tampering(
            "malformed Authorization",
            r -> r.replaceHeader("Authorization", "HMAC-SHA256 keyId=\"x\""),
            401,
            "malformed_signature"),
        tampering(
            "unknown HMAC scheme",
            r -> r.replaceHeader("Authorization", "HMAC-SHA1 keyId=\"x\""),
            401,
            "malformed_signature"),
        tampering(
            "two Authorization headers",
            r -> r.header("Authorization", r.header("Authorization")),
            401,
            "malformed_signature"),
        tampering(
            "missing Authorization",
            r -> r.removeHeader("Authorization"),
            401,
            "missing_signature"),
        tampering(
            "Bearer instead",
            r -> r.replaceHeader("Authorization", "Bearer abc"),
            401,
            "missing_signature"),
        tampering(
            "wrong MAC",
            r -> r.replaceHeader("Authorization", otherAuth),
            401,
            "invalid_signature"));
  }

  private static Arguments tampering(
      String name, UnaryOperator<RawHttpClient.Request> tamper, int status, String code) {
    return Arguments.of(name, tamper, status, code);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tamperings")
  default void rejection_tamperedRequest_getsTheDocumentedStatusAndCode(
      String name, UnaryOperator<RawHttpClient.Request> tamper, int status, String code)
      throws IOException {
    ContractFixture f = fixture();
    assertThat(f.validRequest().send().status()).as("the untampered request").isEqualTo(200);
    assertRejected(tamper.apply(f.validRequest()).send(), status, code);
  }

  @Test
  default void rejection_authorizationOver8KiB_isRefusedWithoutA500() throws IOException {
    ContractFixture f = fixture();
    RawHttpClient.Response reply =
        f.validRequest()
            .replaceHeader("Authorization", "HMAC-SHA256 keyId=\"" + "k".repeat(8200) + "\"")
            .send();
    // Grizzly and Undertow cap header size themselves (400/431) before any filter runs; where a
    // container lets it through, the library answers malformed_signature.
    if (reply.status() == 401) {
      assertRejected(reply, 401, "malformed_signature");
    } else {
      assertThat(reply.status()).isIn(400, 431);
    }
    assertThat(status(f.api().path("whoami").request().get())).isEqualTo(200);
  }

  @Test
  default void rejection_staleTimestamp_isStale() throws IOException {
    ContractFixture f = fixture();
    HmacKey orders = ContractKeys.ORDERS.hmacKey();
    // The window is 300 s; 360 leaves a minute for the calls themselves.
    assertRejected(
        f.signedGet(orders, "api/whoami", Instant.now().minusSeconds(360)).send(),
        401,
        "stale_timestamp");
    assertRejected(
        f.signedGet(orders, "api/whoami", Instant.now().plusSeconds(360)).send(),
        401,
        "stale_timestamp");
  }

  @Test
  default void rejection_bodyOverTheLimit_is413AndTheServerStaysHealthy() throws IOException {
    ContractFixture f = fixture();
    byte[] body = random((int) ContractSuite.MAX_BODY_BYTES + 1024);
    RawHttpClient.Response reply =
        f.signed(ContractKeys.ORDERS.hmacKey(), "POST", f.path("api/digest"), body, Instant.now())
            .send();
    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.text()).contains("\"code\":\"body_too_large\"");
    assertThat(status(f.api().path("whoami").request().get())).isEqualTo(200);
    assertThat(f.bodyTempFiles()).isEmpty();
  }

  @Test
  default void rejection_seenByTheJavaClient_surfacesThePublicCode() {
    HmacKey stranger = ContractKeys.stranger("stranger").hmacKey();
    try (Client strangerClient = newClient(stranger)) {
      Response response =
          strangerClient.target(fixture().server().baseUri()).path("api/whoami").request().get();
      assertThat(response.getStatus()).isEqualTo(401);
      assertThat(HmacRejection.from(response).map(HmacRejection::code))
          .contains(RejectionCode.INVALID_SIGNATURE);
    }
  }
}
