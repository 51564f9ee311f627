package dev.hmacsigned.it.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.RejectionReason;
import dev.hmacsigned.core.RequestView;
import dev.hmacsigned.core.VerificationResult;
import dev.hmacsigned.it.ContractKeys;
import dev.hmacsigned.it.attack.Attack;
import dev.hmacsigned.it.attack.AttackCorpus;
import dev.hmacsigned.it.attack.AttackSigning;
import dev.hmacsigned.it.attack.AttackTarget;
import dev.hmacsigned.it.attack.ContainerAnswers;
import dev.hmacsigned.it.attack.Wire;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The attack corpus covers what issue 11 asks for, its hand-made signatures are the library's, and
 * every allow-list names attacks that exist.
 */
class AttackCorpusTest {
  private static final Instant NOW = Instant.ofEpochSecond(1_763_900_000L);
  private static final AttackTarget TARGET =
      AttackTarget.echoEndpoint(
          "test", URI.create("http://127.0.0.1:8080/ctx/api/m"), 1024, ContainerAnswers.none());

  @Test
  void corpus_hasAtLeast60AttacksInEveryCategoryWithUniqueNames() {
    List<Attack> all = AttackCorpus.all();
    assertThat(all).hasSizeGreaterThanOrEqualTo(60);
    assertThat(all.stream().map(Attack::name).distinct()).hasSameSizeAs(all);
    assertThat(all.stream().map(Attack::category).distinct())
        .containsExactlyInAnyOrder(Attack.Category.values());
  }

  @Test
  void corpus_coversTheWindowBoundariesAtSkewAndSkewPlusMinusOne() {
    assertThat(AttackCorpus.all().stream().filter(Attack::secondSensitive).map(Attack::name))
        .containsExactlyInAnyOrder(
            "window-minus-skew-minus-1",
            "window-minus-skew",
            "window-minus-skew-plus-1",
            "window-plus-skew-minus-1",
            "window-plus-skew",
            "window-plus-skew-plus-1");
  }

  @Test
  void corpus_buildsRequestsForATarget() {
    for (Attack attack : AttackCorpus.all()) {
      List<Wire> wires = attack.plan().wires(TARGET, NOW);
      assertThat(wires).as(attack.name()).isNotEmpty();
    }
  }

  @Test
  void signWithNonce_signsAsTheLibraryVerifies() {
    Wire wire =
        Wire.request("POST", "/ctx/api/m/echo?b=2&a=1", "127.0.0.1:8080")
            .header("Content-Type", "application/octet-stream")
            .header("X-Tenant", " acme ")
            .body("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    AttackSigning.signWithNonce(wire, ContractKeys.ORDERS, NOW.getEpochSecond(), "n".repeat(22));
    try (VerificationResult result = verifier().verify(view(wire))) {
      assertThat(result).isInstanceOf(VerificationResult.Verified.class);
    }
    wire.method("PUT");
    try (VerificationResult result = verifier().verify(view(wire))) {
      assertThat(result)
          .isInstanceOfSatisfying(
              VerificationResult.Rejected.class,
              r -> assertThat(r.reason()).isEqualTo(RejectionReason.SIGNATURE_MISMATCH));
    }
  }

  @Test
  void signWithNonce_refusesWhatItCannotCanonicalize() {
    Wire encoded = Wire.request("GET", "/ctx/a%2Fb", "127.0.0.1:8080");
    assertThatThrownBy(
            () -> AttackSigning.signWithNonce(encoded, ContractKeys.ORDERS, 1, "n".repeat(22)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jersey",
        "resteasy",
        "wildfly-jaxrs",
        "wildfly-servlet",
        "glassfish-jaxrs",
        "glassfish-servlet",
        "jersey-grizzly",
        "jersey-jetty",
        "resteasy-undertow",
        "servlet-jetty",
        "servlet-tomcat",
        "cxf-server"
      })
  void allowList_ofEveryServer_namesOnlyAttacksOfTheCorpus(String server) {
    // of() checks every name it lists; it throws for one that is not an attack
    assertThat(ContainerAnswers.of(server).size()).isLessThan(AttackCorpus.all().size() / 4);
  }

  @Test
  void allowList_ofAnUnknownServer_isAnError() {
    assertThatThrownBy(() -> ContainerAnswers.of("nginx"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ContainerAnswers.contractServer("WildFly 39.0.1.Final, hmac-servlet.war"))
        .isEqualTo("wildfly-servlet");
    assertThat(ContainerAnswers.contractServer("GlassFish 7.0.21, hmac-jaxrs.war"))
        .isEqualTo("glassfish-jaxrs");
  }

  private static HmacVerifier verifier() {
    return HmacVerifier.builder()
        .keys(KeyRing.of(ContractKeys.ORDERS.hmacKey()))
        .clock(InstantSource.fixed(NOW))
        .withoutReplayProtection()
        .build();
  }

  /** The request as a server would show it to the library. */
  private static RequestView view(Wire wire) {
    String target = wire.target();
    int q = target.indexOf('?');
    Map<String, List<String>> headers = headersOf(wire);
    return new RequestView() {
      @Override
      public String method() {
        return wire.method();
      }

      @Override
      public String rawPath() {
        return q < 0 ? target : target.substring(0, q);
      }

      @Override
      public String rawQuery() {
        return q < 0 ? null : target.substring(q + 1);
      }

      @Override
      public List<String> headers(String name) {
        return RequestView.headerValues(headers, name);
      }

      @Override
      public InputStream body() {
        return new ByteArrayInputStream(wire.body());
      }
    };
  }

  private static Map<String, List<String>> headersOf(Wire wire) {
    return Stream.of("Host", "Content-Type", "X-Tenant", "Authorization", "Content-Digest")
        .filter(n -> wire.header(n) != null)
        .collect(
            java.util.stream.Collectors.toMap(
                n -> n, n -> Arrays.asList(wire.header(n)), (a, b) -> a, java.util.TreeMap::new));
  }
}
