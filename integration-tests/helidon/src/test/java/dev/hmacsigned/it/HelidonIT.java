package dev.hmacsigned.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
}
