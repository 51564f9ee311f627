package dev.hmacsigned.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (Debian's package) on a free port of 127.0.0.1, started by a test and
 * stopped after it: no persistence ({@code --save ''}, {@code --appendonly no}), its log in a file
 * of the test's directory. The tests of the Redis replay store and the two-node test use it; no
 * fake, no container.
 *
 * <p>When no {@code redis-server} is installed, {@link #start} fails with a message that says what
 * to install: a build without Redis fails, it never skips the tests.
 *
 * <pre>{@code
 * try (RedisServerProcess redis = RedisServerProcess.start(dir)) {
 *   String uri = redis.uri(); // redis://127.0.0.1:<port>
 *   redis.pause();            // SIGSTOP: connected, but no answer
 *   redis.resume();
 *   redis.kill();             // SIGKILL
 *   redis.restart();          // the same port and arguments
 * }
 * }</pre>
 */
public final class RedisServerProcess implements AutoCloseable {
  /** The executable: the system property {@code redis.server}, else {@code redis-server}. */
  private static final String EXECUTABLE = System.getProperty("redis.server", "redis-server");

  private static final int IO_TIMEOUT_MILLIS = 10_000;

  private final Path dir;
  private final int port;
  private final List<String> extraArguments;
  private Process process;

  private RedisServerProcess(Path dir, int port, List<String> extraArguments) throws IOException {
    this.dir = dir;
    this.port = port;
    this.extraArguments = List.copyOf(extraArguments);
    this.process = launch();
  }

  /**
   * Starts a server on a free port of 127.0.0.1.
   *
   * @param dir a directory for its working files and log
   * @param extraArguments further {@code redis-server} options, for example {@code "--tls-port",
   *     "6380"}
   * @return the running server, answering PING
   * @throws IOException if it cannot be started
   * @throws IllegalStateException if no {@code redis-server} is installed
   */
  public static RedisServerProcess start(Path dir, String... extraArguments) throws IOException {
    return new RedisServerProcess(dir, freePort(), List.of(extraArguments));
  }

  /**
   * Starts a server on a given port of 127.0.0.1 (a client may already be trying it).
   *
   * @param dir a directory for its working files and log
   * @param port the port
   * @param extraArguments further {@code redis-server} options
   * @return the running server, answering PING
   * @throws IOException if it cannot be started
   * @throws IllegalStateException if no {@code redis-server} is installed
   */
  public static RedisServerProcess startOn(Path dir, int port, String... extraArguments)
      throws IOException {
    return new RedisServerProcess(dir, port, List.of(extraArguments));
  }

  /**
   * A free TCP port of 127.0.0.1 at the time of the call.
   *
   * @return the port
   * @throws IOException if none can be had
   */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private Process launch() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(executable());
    command.addAll(
        List.of(
            "--port",
            Integer.toString(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
            "--dir",
            dir.toString()));
    command.addAll(extraArguments);
    Files.createDirectories(dir);
    File log = dir.resolve("redis-" + port + ".log").toFile();
    Process started =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      if (!started.isAlive()) {
        throw new IOException(
            "redis-server exited with " + started.exitValue() + "; its log: " + log);
      }
      try {
        String pong = commandOn(port, "PING");
        // With a password, the default user is answered NOAUTH: the server is up all the same.
        if (pong.equals("PONG") || pong.startsWith("-NOAUTH")) {
          return started;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        started.destroyForcibly();
        throw new IOException("redis-server did not answer PING within 20 s; its log: " + log);
      }
      sleep(20);
    }
  }

  private static String executable() {
    if (EXECUTABLE.contains(File.separator)) {
      if (Files.isExecutable(Path.of(EXECUTABLE))) {
        return EXECUTABLE;
      }
    } else {
      String path = System.getenv().getOrDefault("PATH", "");
      for (String entry : path.split(File.pathSeparator)) {
        if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, EXECUTABLE))) {
          return Path.of(entry, EXECUTABLE).toString();
        }
      }
    }
    throw new IllegalStateException(
        "No "
            + EXECUTABLE
            + " found (on the PATH, or at -Dredis.server): the Redis replay store's tests run a"
            + " real Redis. Install Debian's redis-server (apt-get install redis-server; .ci/run"
            + " does so when it is missing).");
  }

  /**
   * The port.
   *
   * @return the TCP port on 127.0.0.1
   */
  public int port() {
    return port;
  }

  /**
   * The URI of this server without credentials.
   *
   * @return {@code redis://127.0.0.1:<port>}
   */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /**
   * The process id, for {@code kill} and the like.
   *
   * @return the pid
   */
  public long pid() {
    return process.pid();
  }

  /**
   * Sends one command as a new client (no authentication: the default user) and answers its reply
   * as text: a status or bulk string as it is, an integer in decimal, an error prefixed with {@code
   * -}, an array's elements one a line.
   *
   * @param args the command and its arguments, for example {@code "INFO", "memory"}
   * @return the reply
   * @throws IOException if the server cannot be reached
   */
  public String command(String... args) throws IOException {
    return commandOn(port, args);
  }

  private static String commandOn(int port, String... args) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(IO_TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      ByteArrayOutputStream request = new ByteArrayOutputStream();
      request.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      for (String arg : args) {
        byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
        request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(bytes);
        request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.write(request.toByteArray());
      out.flush();
      return reply(new BufferedInputStream(socket.getInputStream()));
    }
  }

  private static String reply(InputStream in) throws IOException {
    String line = line(in);
    if (line.isEmpty()) {
      throw new IOException("an empty reply line");
    }
    String rest = line.substring(1);
    switch (line.charAt(0)) {
      case '+':
      case ':':
        return rest;
      case '-':
        return line;
      case '$':
        {
          int length = Integer.parseInt(rest);
          if (length < 0) {
            return "";
          }
          byte[] bytes = in.readNBytes(length + 2);
          return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }
      case '*':
        {
          int count = Integer.parseInt(rest);
          StringBuilder all = new StringBuilder();
          for (int i = 0; i < count; i++) {
            all.append(reply(in)).append('\n');
          }
          return all.toString();
        }
      default:
        throw new IOException("an unexpected reply: " + line);
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) {
        throw new EOFException("the server closed the connection");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  /**
   * One field of {@code INFO}, for example {@code used_memory} of section {@code memory}.
   *
   * @param section the INFO section
   * @param field the field's name
   * @return its value
   * @throws IOException if the server cannot be reached or has no such field
   */
  public String info(String section, String field) throws IOException {
    for (String line : command("INFO", section).split("\r?\n")) {
      if (line.startsWith(field + ":")) {
        return line.substring(field.length() + 1).strip();
      }
    }
    throw new IOException("INFO " + section + " has no field " + field);
  }

  /** Stops the process as a crash would: SIGKILL, nothing flushed, connections reset. */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("redis-server " + process.pid() + " survived SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Starts the server again on the same port with the same arguments (after {@link #kill}): empty,
   * as nothing is persisted.
   *
   * @throws IOException if it cannot be started
   */
  public void restart() throws IOException {
    if (process.isAlive()) {
      kill();
    }
    process = launch();
  }

  /**
   * Freezes the process (SIGSTOP): connections stay open and commands are accepted by the kernel,
   * but nothing is answered until {@link #resume}.
   *
   * @throws IOException if the signal cannot be sent
   */
  public void pause() throws IOException {
    signal("-STOP");
  }

  /**
   * Lets a paused process go on (SIGCONT).
   *
   * @throws IOException if the signal cannot be sent
   */
  public void resume() throws IOException {
    signal("-CONT");
  }

  private void signal(String signal) throws IOException {
    Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).start();
    try {
      if (!kill.waitFor(20, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IOException("kill " + signal + " " + process.pid() + " failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the server (resumed first if paused, so that SIGKILL is not held). */
  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        resume();
      } catch (IOException e) {
        // killed below all the same
      }
      kill();
    }
  }
}
