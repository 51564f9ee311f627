package dev.hmacsigned.it;

import static dev.hmacsigned.it.ContractFixture.random;
import static dev.hmacsigned.it.ContractFixture.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.it.app.Order;
import dev.hmacsigned.testing.RawHttpClient;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Signed requests are accepted, and the application receives exactly what was sent: every method,
 * raw queries, JSON, forms, text, binary and streamed bodies, an empty body and a 20 MiB one that
 * goes through a temporary file. Unsigned resources are left alone.
 */
public interface AcceptanceContract extends ContractConcern {
  /** The body that is too big to be held in memory and must go through a temporary file. */
  int LARGE_BODY_BYTES = 20 * 1024 * 1024;

  @Test
  default void get_queryRepeatedUnsortedPercentEncoded_isVerifiedAndSeesTheRawQuery() {
    ContractFixture f = fixture();
    String query = "b=2&a=1&a=0&flag&name=J%C3%BCrgen%20K&slash=a%2Fb";
    Response response =
        f.client()
            .target(f.server().baseUri().resolve("api/items/a%20b?" + query))
            .request(MediaType.APPLICATION_JSON)
            .get();
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.readEntity(String.class)).contains("\"query\":\"" + query + "\"");
  }

  @Test
  default void post_jsonWithNonAsciiText_roundTrips() {
    Order order = new Order("Zoë Ørsted 😀", "København", 3);
    Order back =
        fixture()
            .api()
            .path("orders")
            .request(MediaType.APPLICATION_JSON)
            .post(Entity.json(order), Order.class);
    assertThat(back.name).isEqualTo(order.name);
    assertThat(back.city).isEqualTo(order.city);
    assertThat(back.quantity).isEqualTo(3);
  }

  @Test
  default void put_binaryWithEveryByteValue_reachesTheResourceByteForByte() {
    byte[] body = new byte[4096];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) i;
    }
    Response response =
        fixture()
            .api()
            .path("echo")
            .request()
            .put(Entity.entity(body, MediaType.APPLICATION_OCTET_STREAM));
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getHeaderString("X-Hmac-Principal")).isEqualTo("orders-service");
    assertThat(response.readEntity(byte[].class)).isEqualTo(body);
  }

  @Test
  default void post_inputStreamEntity_isSignedAsSent() {
    byte[] body = random(70_000);
    Response response =
        fixture()
            .api()
            .path("echo")
            .request()
            .post(
                Entity.entity(new ByteArrayInputStream(body), MediaType.APPLICATION_OCTET_STREAM));
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.readEntity(byte[].class)).isEqualTo(body);
  }

  @Test
  default void post_form_isVerifiedAndParsed() {
    Form form = new Form().param("b", "2").param("a", "ü & ß").param("a", "x=y");
    String text = fixture().api().path("form").request().post(Entity.form(form), String.class);
    assertThat(text).isEqualTo("{a=[ü & ß, x=y], b=[2]}");
  }

  @Test
  default void post_text_isVerified() {
    String text =
        fixture()
            .api()
            .path("text")
            .request()
            .post(Entity.entity("grüße", MediaType.TEXT_PLAIN + ";charset=UTF-8"), String.class);
    assertThat(text).isEqualTo("grüße");
  }

  @Test
  default void delete_isVerifiedWithThePrincipal() {
    Response response = fixture().api().path("items/42").request().delete();
    assertThat(response.getStatus()).isEqualTo(204);
    assertThat(response.getHeaderString("X-Hmac-Principal")).isEqualTo("orders-service");
  }

  @Test
  default void post_emptyBody_isVerified() {
    Response response =
        fixture()
            .api()
            .path("echo")
            .request()
            .post(Entity.entity(new byte[0], MediaType.APPLICATION_OCTET_STREAM));
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.readEntity(byte[].class)).isEmpty();
  }

  @Test
  default void post_20MiB_goesThroughTheTempFileByteForByteAndLeavesNoFile() throws Exception {
    ContractFixture f = fixture();
    byte[] body = random(LARGE_BODY_BYTES);
    String answer =
        f.api()
            .path("digest")
            .request()
            .post(Entity.entity(body, MediaType.APPLICATION_OCTET_STREAM), String.class);
    assertThat(answer).isEqualTo(body.length + " " + sha256(body));
    assertThat(f.bodyTempFiles()).isEmpty();
  }

  @Test
  default void unsignedResource_isUntouched() throws IOException {
    ContractFixture f = fixture();
    RawHttpClient.Response health = f.http().get(f.path("health")).send();
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.text()).isEqualTo("ok");
    byte[] body = random(1000);
    RawHttpClient.Response echo =
        f.http().post(f.path("health"), "application/octet-stream", body).send();
    assertThat(echo.status()).isEqualTo(200);
    assertThat(echo.body()).isEqualTo(body);
  }
}
