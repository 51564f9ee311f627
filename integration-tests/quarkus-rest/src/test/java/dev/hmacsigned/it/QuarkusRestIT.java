package dev.hmacsigned.it;

import dev.hmacsigned.it.mp.RestClientContract;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract suite against the application on Quarkus REST, in JVM mode ({@code
 * quarkus-run.jar}), called by the Jersey client; and the Quarkus REST client inside it signing
 * through {@code @RegisterProvider(HmacClientFeature.class)}.
 */
class QuarkusRestIT extends ContractSuite implements RestClientContract {
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
}
