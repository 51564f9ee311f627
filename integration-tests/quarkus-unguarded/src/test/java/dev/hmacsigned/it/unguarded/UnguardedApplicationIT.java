package dev.hmacsigned.it.unguarded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.it.ContractFixture;
import dev.hmacsigned.it.ContractKeys;
import dev.hmacsigned.it.ServerJvm;
import dev.hmacsigned.it.ServerUnderTest;
import dev.hmacsigned.testing.RawHttpClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 on Quarkus: {@link UnguardedApplication} lists its resources and not {@code
 * HmacServerFeature}, built by {@code quarkus-maven-plugin} and run from {@code quarkus-run.jar} in
 * a JVM of its own. Whatever Quarkus makes of the list, {@link OrdersResource} is never served
 * unverified: either the feature applies anyway (401 without a valid signature, 200 with one), or
 * {@code HmacSignedInterceptor} refuses every call with 500 and logs an error naming the fix. A 200
 * without a valid signature, or an order placed by a call that was not verified, is the failure.
 */
class UnguardedApplicationIT {
  private static final String ORDER = "2 x espresso";
  private static final String INTERCEPTOR_ERROR =
      "is @HmacSigned, but no request to it has passed HmacServerFeature's filter";

  private static ServerUnderTest server;
  private static RawHttpClient http;

  @BeforeAll
  static void start() throws Exception {
    String runJar = System.getProperty("it.quarkus.run-jar");
    assertThat(runJar).as("system property it.quarkus.run-jar").isNotNull();
    ServerJvm jvm = ServerJvm.prepare(System.getProperty("it.server.name", "quarkus-unguarded"));
    List<String> command = new ArrayList<>(jvm.javaCommand());
    // The application has no replay store of its own: the default one, not the contract's.
    command.add("-D" + HmacConfig.REPLAY_STORE + "=memory");
    command.add("-Dquarkus.http.host=127.0.0.1");
    command.add("-Dquarkus.http.port=" + jvm.port());
    command.add("-jar");
    command.add(runJar);
    server = jvm.start(command, "/");
    http = RawHttpClient.to("127.0.0.1", jvm.port());
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void resourceOfAnApplicationListingItsClassesWithoutTheFeature_isNeverServedUnverified()
      throws Exception {
    byte[] order = ORDER.getBytes(StandardCharsets.UTF_8);
    RawHttpClient.Response unsignedGet = http.get("/orders").send();
    RawHttpClient.Response unsignedPost = http.post("/orders", "text/plain", order).send();
    RawHttpClient.Response tamperedPost =
        http.post("/orders", "text/plain", order)
            .signedWith(signer())
            .body("9 x espresso".getBytes(StandardCharsets.UTF_8))
            .send();
    RawHttpClient.Response signedGet = http.get("/orders").signedWith(signer()).send();
    RawHttpClient.Response signedPost =
        http.post("/orders", "text/plain", order).signedWith(signer()).send();
    List<RawHttpClient.Response> unverified = List.of(unsignedGet, unsignedPost, tamperedPost);
    int placed = placed();
    System.out.printf(
        "UNGUARDED %s: unsigned GET %d, unsigned POST %d, tampered POST %d, signed GET %d,"
            + " signed POST %d; orders placed %d%n",
        server.name(),
        unsignedGet.status(),
        unsignedPost.status(),
        tamperedPost.status(),
        signedGet.status(),
        signedPost.status(),
        placed);
    // Never open: no call without a valid signature gets a 2xx or places an order.
    assertThat(unverified)
        .allSatisfy(reply -> assertThat(reply.status() / 100).as(reply.text()).isNotEqualTo(2));
    assertThat(placed).as("orders placed").isEqualTo(signedPost.status() == 200 ? 1 : 0);

    if (signedPost.status() == 500) {
      // The filter is missing: the interceptor refuses every call, signed or not, and says why.
      for (RawHttpClient.Response reply :
          List.of(unsignedGet, unsignedPost, tamperedPost, signedGet, signedPost)) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(500);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.text()).doesNotContain("espresso").doesNotContain("Exception");
      }
      // one error per method, at the first call, naming the fix
      assertThat(logLinesWith(INTERCEPTOR_ERROR))
          .hasSize(2)
          .allSatisfy(line -> assertThat(line).contains("ERROR").contains("HmacServerFeature"))
          .anySatisfy(line -> assertThat(line).contains(OrdersResource.class.getName() + "#place"))
          .anySatisfy(
              line -> assertThat(line).contains(OrdersResource.class.getName() + "#whoami"));
      return;
    }
    // The feature applied after all: the filter verifies as everywhere else.
    assertThat(signedPost.status()).as(signedPost.text()).isEqualTo(200);
    assertThat(signedPost.text()).isEqualTo(ContractKeys.ORDERS.principal() + " placed " + ORDER);
    assertThat(signedGet.status()).as(signedGet.text()).isEqualTo(200);
    assertThat(signedGet.text()).isEqualTo(ContractKeys.ORDERS.principal() + " scheme=HMAC");
    ContractFixture.assertRejected(unsignedGet, 401, "missing_signature");
    ContractFixture.assertRejected(unsignedPost, 401, "missing_signature");
    assertThat(tamperedPost.status()).as(tamperedPost.text()).isEqualTo(401);
    assertThat(unverified).allSatisfy(reply -> assertThat(reply.text()).doesNotContain("espresso"));
    assertThat(logLinesWith(INTERCEPTOR_ERROR)).isEmpty();
  }

  private static HmacSigner signer() {
    return HmacSigner.builder(ContractKeys.ORDERS.hmacKey()).build();
  }

  private static int placed() throws IOException {
    RawHttpClient.Response reply = http.get("/health/placed").send();
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    return Integer.parseInt(reply.text().trim());
  }

  private static List<String> logLinesWith(String text) throws IOException {
    return Files.readString(server.log(), StandardCharsets.ISO_8859_1)
        .lines()
        .filter(line -> line.contains(text))
        .collect(Collectors.toList());
  }
}
