package dev.hmacsigned.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A server runtime (Jersey on Grizzly, RESTEasy on Undertow) in a JVM of its own, with only its own
 * JAX-RS implementation on the class path, serving the contract application on a free port.
 */
final class ServerProcess implements AutoCloseable {
  final String runtime;
  final URI baseUri;
  final Path log;
  private final Process process;
  private final OutputStream stdin;

  private ServerProcess(String runtime, URI baseUri, Path log, Process process) {
    this.runtime = runtime;
    this.baseUri = baseUri;
    this.log = log;
    this.process = process;
    this.stdin = process.getOutputStream();
  }

  /**
   * Starts the server.
   *
   * @param runtime {@code jersey} or {@code resteasy}
   * @param properties system properties of the server JVM (the library's configuration)
   */
  static ServerProcess start(String runtime, Map<String, String> properties) throws Exception {
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
        new ServerProcess(runtime, URI.create("http://127.0.0.1:" + port + "/ctx/"), log, process);
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

  String logText() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  int port() {
    return baseUri.getPort();
  }

  boolean isAlive() {
    return process.isAlive();
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
