package dev.hmacsigned.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.it.mp.RestClientContract;
import dev.hmacsigned.testing.RawHttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract suite against the application on Quarkus REST, in JVM mode ({@code
 * quarkus-run.jar}), called by the Jersey client; the Quarkus REST client inside it signing through
 * {@code @RegisterProvider(HmacClientFeature.class)}; and what Quarkus REST alone needs:
 * {@code @Blocking} on a reactive {@code @HmacSigned} method that takes a body.
 */
class QuarkusRestIT extends ContractSuite implements RestClientContract {
  private static final String BODY = "{\"signed\":\"text\"}";

  @Override
  protected ServerUnderTest serverUnderTest() throws Exception {
    ServerJvm jvm = ServerJvm.prepare("quarkus-rest");
    List<String> command = new ArrayList<>(jvm.javaCommand());
    command.add("-Dquarkus.http.host=127.0.0.1");
    command.add("-Dquarkus.http.port=" + jvm.port());
    command.add("-jar");
    command.add(requiredProperty("it.quarkus.run-jar"));
    return jvm.start(command, "/");
  }

  @Override
  protected String clientRuntime() {
    return "jersey";
  }

  @Test
  void reactiveMethodWithABody_withoutBlocking_isRefusedWith500AndAnErrorNamingBlocking()
      throws Exception {
    RawHttpClient.Response reply = signedText("reactive/non-blocking");
    assertThat(reply.status()).as(reply.text()).isEqualTo(500);
    assertThat(reply.text()).doesNotContain("Exception").doesNotContain(BODY);
    assertThat(fixture().logLinesWith("ReactiveResource#nonBlocking"))
        .contains("@io.smallrye.common.annotation.Blocking");
  }

  @Test
  void reactiveMethodWithABody_withBlocking_isVerified() throws Exception {
    RawHttpClient.Response reply = signedText("reactive/blocking");
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    assertThat(reply.text()).isEqualTo(BODY);
  }

  @Test
  void reactiveMethodWithoutABody_withoutBlocking_isRefusedWith500Too() throws Exception {
    // A GET as clients send it: no Content-Type, no body. The library reads the entity stream of
    // every request, which Quarkus REST forbids on the event loop: 500 and the error, never a 401.
    ContractFixture f = fixture();
    RawHttpClient.Response reply =
        f.http()
            .request("GET", f.path("reactive/non-blocking"))
            .signedWith(HmacSigner.builder(ContractKeys.ORDERS.hmacKey()).build())
            .send();
    assertThat(reply.status()).as(reply.text()).isEqualTo(500);
    assertThat(reply.text()).doesNotContain("ok").doesNotContain("Exception");
    assertThat(fixture().logLinesWith("ReactiveResource#nonBlockingGet"))
        .contains("@io.smallrye.common.annotation.Blocking");
    RawHttpClient.Response unsigned = f.http().get(f.path("reactive/non-blocking")).send();
    assertThat(unsigned.status()).as(unsigned.text()).isEqualTo(500);
  }

  private RawHttpClient.Response signedText(String relative) throws Exception {
    ContractFixture f = fixture();
    return f.signed(
            ContractKeys.ORDERS.hmacKey(),
            "POST",
            f.path(relative),
            BODY.getBytes(StandardCharsets.UTF_8),
            Instant.now())
        .send();
  }
}
