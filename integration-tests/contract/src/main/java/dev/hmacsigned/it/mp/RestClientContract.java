package dev.hmacsigned.it.mp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hmacsigned.it.ContractConcern;
import dev.hmacsigned.it.ContractFixture;
import dev.hmacsigned.it.ContractKeys;
import dev.hmacsigned.testing.RawHttpClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The runtime's own MicroProfile Rest Client signs: {@link SignedApi}, registered with {@code
 * HmacClientFeature} by {@code @RegisterProvider} and keyed by {@code hmac.client.key-id} from the
 * application's MicroProfile Config, calls the application's signed resources; every body arrives
 * byte for byte and the caller is verified as {@link ContractKeys#ORDERS}'s principal. Driven
 * through {@link RestClientProbe}, which the application under test must serve.
 */
public interface RestClientContract extends ContractConcern {
  @Test
  default void restClient_postOfBytes_arrivesByteForByteAndVerified() throws Exception {
    byte[] body = everyByteValue(64 * 1024);
    assertProbe("POST", body, "POST");
  }

  @Test
  default void restClient_postOfAStreamOver1MiB_arrivesByteForByteAndVerified() throws Exception {
    // Over the server's 1 MiB memory threshold: the verified body is spilled to a file and back.
    assertProbe("STREAM", ContractFixture.random(3 * 1024 * 1024 + 17), "POST");
  }

  @Test
  default void restClient_putOfText_arrivesAsUtf8AndVerified() throws Exception {
    assertProbe("PUT", "Grüße, 東京, ☃ — signed".getBytes(StandardCharsets.UTF_8), "PUT");
  }

  @Test
  default void restClient_patchOfJson_arrivesByteForByteAndVerified() throws Exception {
    assertProbe(
        "PATCH", "{\"op\":\"replace\",\"value\":\"ä\"}".getBytes(StandardCharsets.UTF_8), "PATCH");
  }

  @Test
  default void restClient_getWithAQueryToEncode_isVerified() throws Exception {
    ContractFixture f = fixture();
    RawHttpClient.Response reply =
        f.http()
            .post(f.path("probe/echo/GET?q=a%20b%26c%3Dd%2F%C3%A9"), "text/plain", new byte[0])
            .send();
    assertThat(reply.text()).isEqualTo(expected(200, "GET", new byte[0]));
  }

  @Test
  default void restClient_deleteWithoutABody_isVerified() throws Exception {
    ContractFixture f = fixture();
    RawHttpClient.Response reply =
        f.http().post(f.path("probe/echo/DELETE"), "text/plain", new byte[0]).send();
    assertThat(reply.text()).isEqualTo(expected(200, "DELETE", new byte[0]));
  }

  @Test
  default void restClient_objectAsJson_isSignedAndReadBackByTheServer() throws IOException {
    ContractFixture f = fixture();
    String order = "{\"name\":\"Zoë\",\"city\":\"Zürich\",\"quantity\":3}";
    RawHttpClient.Response reply =
        f.http()
            .post(
                f.path("probe/orders"), "application/json", order.getBytes(StandardCharsets.UTF_8))
            .send();
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    ObjectMapper json = new ObjectMapper();
    JsonNode read = json.readTree(reply.body());
    assertThat(read).isEqualTo(json.readTree(order));
  }

  @Test
  default void restClient_keyWithoutTheRole_isForbidden() throws IOException {
    ContractFixture f = fixture();
    RawHttpClient.Response reply = f.http().get(f.path("probe/admin")).send();
    assertThat(reply.text()).isEqualTo("status=403");
  }

  private void assertProbe(String probe, byte[] body, String method) throws Exception {
    ContractFixture f = fixture();
    RawHttpClient.Response reply =
        f.http().post(f.path("probe/echo/" + probe), "application/octet-stream", body).send();
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    assertThat(reply.text()).isEqualTo(expected(200, method, body));
  }

  private static String expected(int status, String method, byte[] body)
      throws NoSuchAlgorithmException {
    return String.format(
        Locale.ROOT,
        RestClientProbe.FORMAT,
        status,
        method,
        ContractFixture.sha256(body),
        ContractKeys.ORDERS.principal());
  }

  private static byte[] everyByteValue(int length) {
    byte[] body = new byte[length];
    for (int i = 0; i < length; i++) {
      body[i] = (byte) i;
    }
    return body;
  }
}
