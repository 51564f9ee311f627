package dev.hmacsigned.it;

import dev.hmacsigned.core.HmacConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A server runtime (Jersey on Grizzly, RESTEasy on Undertow) in a JVM of its own, with only its own
 * JAX-RS implementation on the class path, serving the contract application on a free port. The
 * library is configured by system properties only, as in a WAR.
 */
final class ServerProcess implements ServerUnderTest {
  private final String runtime;
  private final URI baseUri;
  private final Path keysFile;
  private final Path tempDirectory;
  private final Path log;
  private final Process process;
  private final OutputStream stdin;

  private ServerProcess(
      String runtime, URI baseUri, Path keysFile, Path tempDirectory, Path log, Process process) {
    this.runtime = runtime;
    this.baseUri = baseUri;
    this.keysFile = keysFile;
    this.tempDirectory = tempDirectory;
    this.log = log;
    this.process = process;
    this.stdin = process.getOutputStream();
  }

  /**
   * Writes the contract's keys file and starts the server.
   *
   * @param runtime {@code jersey} or {@code resteasy}
   */
  static ServerProcess start(String runtime) throws Exception {
    Path work = Files.createTempDirectory("hmac-it-");
    Path tempDirectory = Files.createDirectories(work.resolve("tmp"));
    Path keysFile = work.resolve("keys.properties");
    ContractKeys.write(keysFile, true);
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
    ServerProcess server =
        new ServerProcess(
            runtime,
            URI.create("http://127.0.0.1:" + port + "/ctx/"),
            keysFile,
            tempDirectory,
            log,
            process);
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

  @Override
  public String name() {
    return runtime;
  }

  @Override
  public URI baseUri() {
    return baseUri;
  }

  @Override
  public Path keysFile() {
    return keysFile;
  }

  @Override
  public Path tempDirectory() {
    return tempDirectory;
  }

  @Override
  public Path log() {
    return log;
  }

  @Override
  public void close() throws Exception {
    try {
      stdin.close();
    } catch (IOException ignored) {
      // already gone
    }
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  @Override
  public String toString() {
    return runtime;
  }
}
