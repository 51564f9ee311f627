package dev.hmacsigned.it.cluster;

import dev.hmacsigned.testing.ProcessOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node: the demo's {@code serve} mode in a JVM of its own, from its runnable jar, as the README
 * tells a user to start it, on a free port of 127.0.0.1. Its settings come from the environment
 * ({@code HMAC_REPLAY_REDIS_URI}: a password is better kept out of the command line). Everything it
 * prints is kept, to check that no secret is in it.
 */
final class DemoNode implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

  private final String name;
  private final Process process;
  private final int port;
  private final StringBuffer log;

  private DemoNode(String name, Process process, int port, StringBuffer log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts a node and waits until it listens.
   *
   * @param name for messages
   * @param keys the keys file
   * @param properties {@code -D} settings
   * @param environment environment variables
   */
  static DemoNode start(
      String name, Path keys, Map<String, String> properties, Map<String, String> environment)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.addAll(
        List.of(
            "-jar",
            System.getProperty("demo.jar"),
            "serve",
            "--port",
            "0",
            "--keys",
            keys.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    StringBuffer log = new StringBuffer();
    Matcher listening =
        ProcessOutput.follow(process, log, LISTENING, name + "-output").get(60, TimeUnit.SECONDS);
    int port = Integer.parseInt(listening.group(1));
    return new DemoNode(name, process, port, log);
  }

  String name() {
    return name;
  }

  int port() {
    return port;
  }

  /** Everything the node printed so far. */
  String log() {
    return log.toString();
  }

  /** Stops the node and keeps its output in the reports directory, named after it. */
  @Override
  public void close() throws InterruptedException, IOException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
    String reports = System.getProperty("it.reports.dir");
    if (reports != null) {
      Path file = Path.of(reports, "TwoNodeClusterIT-" + name.replace(' ', '-') + ".log");
      Files.createDirectories(file.getParent());
      Files.writeString(file, log, StandardCharsets.UTF_8);
    }
  }

  @Override
  public String toString() {
    return name + " on port " + port;
  }
}
