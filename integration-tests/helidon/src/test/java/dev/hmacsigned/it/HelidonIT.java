package dev.hmacsigned.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.testing.RawHttpClient;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract suite against the application on Helidon MP, in a JVM of its own on the JDK of
 * {@code it.helidon.java-home} (Java 21 or later), called by the Jersey client.
 */
class HelidonIT extends ContractSuite {
  @Override
  protected ServerUnderTest serverUnderTest() throws Exception {
    ServerJvm jvm = ServerJvm.prepare("helidon");
    Path javaHome = Path.of(requiredProperty("it.helidon.java-home"));
    String classpath =
        requiredProperty("it.helidon.classes")
            + File.pathSeparator
            + Files.readString(Path.of(requiredProperty("it.helidon.classpath-file"))).strip();
    List<String> command = new ArrayList<>(jvm.javaCommand(javaHome));
    command.add("-Dserver.port=" + jvm.port());
    command.add("-cp");
    command.add(classpath);
    command.add("io.helidon.Main");
    return jvm.start(command, "/");
  }

  @Override
  protected String clientRuntime() {
    return "jersey";
  }

  /**
   * An application that lists its classes without HmacServerFeature is never open. Helidon adds the
   * providers it finds as CDI beans to every application, and then /unguarded is verified as / is;
   * but it has been seen, once in several runs, not to apply the feature to that second
   * application, and then HmacSignedInterceptor refuses every call with 500 and a SEVERE line
   * naming the fix. Both are closed; a 200 without a valid signature is the failure.
   */
  @Test
  void applicationListingItsClassesWithoutTheFeature_isNeverOpen() throws Exception {
    ContractFixture f = fixture();
    RawHttpClient.Response unsigned = f.http().get(f.path("unguarded/api/whoami")).send();
    RawHttpClient.Response signed =
        f.signedGet(ContractKeys.ORDERS.hmacKey(), "unguarded/api/whoami", Instant.now()).send();
    RawHttpClient.Response notAdmin =
        f.signedGet(ContractKeys.ORDERS.hmacKey(), "unguarded/api/admin", Instant.now()).send();
    if (signed.status() == 500) {
      // refused by the interceptor: so is everything else, and the log says why
      assertThat(unsigned.status()).as(unsigned.text()).isEqualTo(500);
      assertThat(notAdmin.status()).as(notAdmin.text()).isEqualTo(500);
      assertThat(f.serverLogText())
          .contains("is @HmacSigned, but no request to it has passed HmacServerFeature's filter");
      return;
    }
    assertThat(signed.status()).as(signed.text()).isEqualTo(200);
    assertThat(signed.text()).startsWith(ContractKeys.ORDERS.principal() + " scheme=HMAC");
    ContractFixture.assertRejected(unsigned, 401, "missing_signature");
    assertThat(notAdmin.status()).as(notAdmin.text()).isEqualTo(403);
  }
}
