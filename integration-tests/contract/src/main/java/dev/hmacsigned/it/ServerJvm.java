package dev.hmacsigned.it;

import dev.hmacsigned.core.HmacConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A user's application started as a JVM of its own (a Quarkus {@code quarkus-run.jar}, a Helidon MP
 * class path), configured as the {@link ContractSuite} needs it: the contract's keys file, {@link
 * ContractSuite#MAX_BODY_BYTES} and {@link ContractSuite#REPLAY_STORE} as system properties, and
 * {@code java.io.tmpdir} in a directory of its own. Nothing of the library is configured in the
 * application's code: it reads these from system properties or MicroProfile Config, as in
 * production.
 *
 * <pre>{@code
 * ServerJvm jvm = ServerJvm.prepare("quarkus-rest");
 * List<String> command = new ArrayList<>(jvm.javaCommand());
 * command.addAll(List.of("-Dquarkus.http.port=" + jvm.port(), "-jar", "quarkus-run.jar"));
 * ServerUnderTest server = jvm.start(command, "/");
 * }</pre>
 *
 * @param name names the server in reports and allow-lists, for example {@code quarkus-rest}
 * @param work the directory of this run: keys file, temporary directory, log
 * @param keysFile the keys file, written with {@link ContractKeys.Rotation#OLD_ONLY}
 * @param tempDirectory the server JVM's {@code java.io.tmpdir}
 * @param port the free port the server is to listen on, on {@code 127.0.0.1}
 */
public record ServerJvm(String name, Path work, Path keysFile, Path tempDirectory, int port) {
  /** How long an application may take from its JVM's start to its first answer. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  /**
   * Makes the directory of a run below {@code it.work.dir} (default {@code target}), writes the
   * contract's keys file and picks a free port.
   *
   * @param name the server's name
   * @return the prepared run
   * @throws IOException if the files cannot be written or no port is free
   */
  public static ServerJvm prepare(String name) throws IOException {
    Path parent = Files.createDirectories(Path.of(System.getProperty("it.work.dir", "target")));
    Path work = Files.createTempDirectory(parent.toAbsolutePath(), name + "-");
    Path tempDirectory = Files.createDirectories(work.resolve("tmp"));
    Path keysFile = work.resolve("keys.properties");
    ContractKeys.write(keysFile, ContractKeys.Rotation.OLD_ONLY);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return new ServerJvm(name, work, keysFile, tempDirectory, port);
  }

  /**
   * {@code java} of the test's JVM, then the contract's settings as system properties.
   *
   * @return the start of a command
   */
  public List<String> javaCommand() {
    return javaCommand(Path.of(System.getProperty("java.home")));
  }

  /**
   * {@code java} of another JDK (for a runtime that needs a newer Java than the tests), then the
   * contract's settings as system properties.
   *
   * @param javaHome the JDK
   * @return the start of a command
   */
  public List<String> javaCommand(Path javaHome) {
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin").resolve("java").toString());
    command.add("-Xmx768m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-D" + HmacConfig.KEYS_FILE + "=" + keysFile);
    command.add("-D" + HmacConfig.MAX_BODY_BYTES + "=" + ContractSuite.MAX_BODY_BYTES);
    command.add("-D" + HmacConfig.REPLAY_STORE + "=" + ContractSuite.REPLAY_STORE);
    command.add("-Djava.io.tmpdir=" + tempDirectory);
    return command;
  }

  /**
   * The server's log: its standard output and error.
   *
   * @return the file
   */
  public Path log() {
    return work.resolve("server.log");
  }

  /**
   * Starts the application and waits until {@code health} below its root answers 200.
   *
   * @param command the whole command, starting with {@link #javaCommand()}
   * @param contextPath the application's root path, starting and ending with {@code /}
   * @return the server; closing it stops the JVM
   * @throws IOException if the JVM cannot start, ends, or does not answer in time (the message
   *     holds the end of its log)
   * @throws InterruptedException if interrupted while waiting
   */
  public ServerUnderTest start(List<String> command, String contextPath)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log().toFile())
            .start();
    // Unlike the embedded servers, these do not end when their standard input closes: a test JVM
    // that exits without closing the server (a failed start, an interrupted run) stops it here.
    Thread reaper = new Thread(process::destroy, name + "-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
    URI base = URI.create("http://127.0.0.1:" + port + contextPath);
    ServerUnderTest server =
        new ServerUnderTest(
            name,
            base,
            keysFile,
            tempDirectory,
            log(),
            () -> {
              stop(process);
              Runtime.getRuntime().removeShutdownHook(reaper);
            });
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health =
        HttpRequest.newBuilder(base.resolve("health")).timeout(Duration.ofSeconds(5)).build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (true) {
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return server;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        stop(process);
        throw new IOException(
            name
                + " did not answer "
                + health.uri()
                + (process.isAlive() ? " in time" : ", its JVM ended with " + process.exitValue())
                + "; the end of its log:\n"
                + tail(log()));
      }
      Thread.sleep(200);
    }
  }

  /** Asks the JVM to stop (SIGTERM: shutdown hooks run, logs are flushed), then insists. */
  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private static String tail(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "(no log)";
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }
}
