package dev.hmacsigned.it.load;

import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.it.load.server.LoadServer;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link LoadServer} in a JVM of its own, with its log in a file: started with system properties
 * and an optional launcher (a command the {@code java} command line is appended to), stopped by
 * closing its standard input.
 */
final class ServerJvm implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("LISTENING (\\d+)");
  private static final Pattern USED = Pattern.compile("used=(\\d+)");

  private final String target;
  private final Process process;
  private final Path log;
  private final int port;

  private ServerJvm(String target, Process process, Path log, int port) {
    this.target = target;
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts a server and waits until it listens.
   *
   * @param target {@code servlet-jetty} or {@code jersey-grizzly}
   * @param keysFile the keys file ({@code hmac.keys.file})
   * @param tmpdir the server JVM's {@code java.io.tmpdir}, where large bodies are spilled
   * @param properties further system properties
   * @param launcher a command that runs the {@code java} command line (for example {@code prlimit
   *     --fsize=...}), or empty
   * @param log the file the server's standard output and error go to
   */
  static ServerJvm start(
      String target,
      Path keysFile,
      Path tmpdir,
      Map<String, String> properties,
      List<String> launcher,
      Path log)
      throws IOException, InterruptedException {
    return start(target, keysFile, tmpdir, properties, launcher, log, "256m");
  }

  /**
   * Starts a server with a heap of the given size ({@code -Xms} and {@code -Xmx}) and waits until
   * it listens; otherwise as {@link #start(String, Path, Path, Map, List, Path)}.
   *
   * @param heap the heap size, for example {@code 64m}
   */
  static ServerJvm start(
      String target,
      Path keysFile,
      Path tmpdir,
      Map<String, String> properties,
      List<String> launcher,
      Path log,
      String heap)
      throws IOException, InterruptedException {
    Path dir = Path.of(System.getProperty("it.classpath.dir", "target"));
    String classpath =
        Files.readString(dir.resolve("server.classpath")).strip()
            + File.pathSeparator
            + System.getProperty("it.test-classes", "target/test-classes");
    List<String> command = new ArrayList<>(launcher);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A fixed heap, so that the heap figures of two runs compare; the default collector (G1).
    command.add("-Xms" + heap);
    command.add("-Xmx" + heap);
    command.add("-D" + HmacConfig.KEYS_FILE + "=" + keysFile);
    command.add("-Djava.io.tmpdir=" + tmpdir);
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-cp");
    command.add(classpath);
    command.add(LoadServer.class.getName());
    command.add(target);
    Files.createDirectories(log.getParent());
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      Matcher m = LISTENING.matcher(Files.readString(log));
      if (m.find()) {
        return new ServerJvm(target, process, log, Integer.parseInt(m.group(1)));
      }
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        process.destroyForcibly().waitFor();
        throw new IllegalStateException(target + " did not start:\n" + Files.readString(log));
      }
      Thread.sleep(50);
    }
  }

  String target() {
    return target;
  }

  int port() {
    return port;
  }

  /** {@code http://127.0.0.1:<port>/ctx<path>}. */
  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + LoadServer.CONTEXT + path);
  }

  /** The server's heap in use after full garbage collections, in bytes. */
  long heapUsedAfterFullGc(HttpClient client) throws IOException, InterruptedException {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri("/probe/heap")).build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher m = USED.matcher(response.body());
    if (response.statusCode() != 200 || !m.find()) {
      throw new IllegalStateException(
          "heap probe: " + response.statusCode() + " " + response.body());
    }
    return Long.parseLong(m.group(1));
  }

  /** The server's log so far. */
  String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() throws InterruptedException {
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // already gone
    }
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
