package dev.hmacsigned.it.matrix;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server runtime of {@code integration-tests/runtimes} in a JVM of its own, configured by the
 * system property {@code hmac.keys.file} only, as in a WAR. It prints {@code LISTENING <echo-base>
 * h2c=<true|false>} when it is ready and stops when its standard input closes.
 */
final class EmbeddedServer implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("^LISTENING (\\S+) h2c=(true|false)\\s*$", Pattern.MULTILINE);

  private final String name;
  private final Process process;
  private final Path log;
  private final URI echoBase;
  private final boolean h2c;

  private EmbeddedServer(String name, Process process, Path log, URI echoBase, boolean h2c) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.echoBase = echoBase;
    this.h2c = h2c;
  }

  /** Starts a runtime and waits for its LISTENING line (at most a minute). */
  static EmbeddedServer start(RuntimeModule module, Path keysFile, Path work)
      throws IOException, InterruptedException {
    Path tmp = Files.createDirectories(work.resolve(module.name() + "-tmp"));
    Path log = work.resolve(module.name() + "-server.log");
    List<String> command =
        module.command(List.of("-Dhmac.keys.file=" + keysFile, "-Djava.io.tmpdir=" + tmp));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      Matcher m = LISTENING.matcher(Files.readString(log));
      if (m.find()) {
        return new EmbeddedServer(
            module.name(), process, log, URI.create(m.group(1)), Boolean.parseBoolean(m.group(2)));
      }
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        stop(process);
        throw new IllegalStateException(
            module.name() + " did not start; its output:\n" + Files.readString(log));
      }
      Thread.sleep(50);
    }
  }

  String name() {
    return name;
  }

  URI echoBase() {
    return echoBase;
  }

  boolean h2c() {
    return h2c;
  }

  Path log() {
    return log;
  }

  @Override
  public void close() {
    stop(process);
  }

  /** Closes its standard input, its signal to stop, and waits for it to end. */
  private static void stop(Process process) {
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // already gone
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
