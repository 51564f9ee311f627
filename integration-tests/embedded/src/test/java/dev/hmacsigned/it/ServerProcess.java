package dev.hmacsigned.it;

import dev.hmacsigned.core.HmacConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server runtime (Jersey on Grizzly, RESTEasy on Undertow) in a JVM of its own, with only its own
 * JAX-RS implementation on the class path, serving the contract application on a free port. The
 * library is configured by system properties only, as in a WAR.
 */
final class ServerProcess {
  private ServerProcess() {}

  /**
   * Writes the contract's keys file and starts the server.
   *
   * @param runtime {@code jersey} or {@code resteasy}
   */
  static ServerUnderTest start(String runtime) throws Exception {
    Path work = Files.createTempDirectory("hmac-it-");
    Path tempDirectory = Files.createDirectories(work.resolve("tmp"));
    Path keysFile = work.resolve("keys.properties");
    ContractKeys.write(keysFile, ContractKeys.Rotation.OLD_ONLY);
    Map<String, String> properties =
        Map.of(
            HmacConfig.KEYS_FILE,
            keysFile.toString(),
            HmacConfig.MAX_BODY_BYTES,
            Long.toString(ContractSuite.MAX_BODY_BYTES),
            HmacConfig.REPLAY_STORE,
            ContractSuite.REPLAY_STORE,
            "java.io.tmpdir",
            tempDirectory.toString());
    Path dir = Path.of(System.getProperty("it.classpath.dir", "target"));
    String classpath =
        Files.readString(dir.resolve(runtime + "-server.classpath")).strip()
            + java.io.File.pathSeparator
            + System.getProperty("it.test-classes", "target/test-classes");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx768m");
    command.add("-XX:TieredStopAtLevel=1");
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-cp");
    command.add(classpath);
    command.add(
        runtime.equals("jersey")
            ? "dev.hmacsigned.it.server.JerseyServer"
            : "dev.hmacsigned.it.server.ResteasyServer");
    command.add(Integer.toString(port));
    Path log = dir.resolve("server-" + runtime + "-" + port + ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ServerUnderTest server =
        new ServerUnderTest(
            runtime,
            URI.create("http://127.0.0.1:" + port + "/ctx/"),
            keysFile,
            tempDirectory,
            log,
            () -> stop(process));
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!Files.readString(log).contains("LISTENING")) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        server.close();
        throw new IllegalStateException(
            runtime + " server did not start:\n" + Files.readString(log));
      }
      Thread.sleep(50);
    }
    return server;
  }

  /** Closes the server's standard input, its signal to stop, and waits for it to end. */
  private static void stop(Process process) throws InterruptedException {
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // already gone
    }
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
