package dev.hmacsigned.it.runtime;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The life of a server runtime's JVM: start the server, print {@code LISTENING <echo-base-uri>
 * h2c=<true|false>} on standard output, serve until standard input closes (the JVM that started it
 * ended or stopped it), stop.
 *
 * <p>The server binds 127.0.0.1 on a port it picks itself, with the container's default settings,
 * and configures the library from system properties only ({@code hmac.keys.file}), as in a WAR.
 */
public final class ServerRuntime {
  /** The context path of every server whose container has one. */
  public static final String CONTEXT = "/ctx";

  /** The address every server binds. */
  public static final String HOST = "127.0.0.1";

  private ServerRuntime() {}

  /** Starts a server. */
  @FunctionalInterface
  public interface Start {
    /**
     * Starts the server and returns when it accepts connections.
     *
     * @return the running server
     * @throws Exception if it cannot start
     */
    Running start() throws Exception;
  }

  /**
   * A server that accepts connections.
   *
   * @param echoBase the URI the echo endpoint's paths are appended to, without a trailing slash
   * @param h2c whether the port also speaks HTTP/2 over cleartext
   * @param stop stops the server
   */
  public record Running(URI echoBase, boolean h2c, Stop stop) {}

  /** Stops a server. */
  @FunctionalInterface
  public interface Stop {
    /**
     * Stops the server.
     *
     * @throws Exception if it cannot stop cleanly
     */
    void stop() throws Exception;
  }

  /**
   * The echo base of a server on {@link #HOST}.
   *
   * @param port the port the server listens on
   * @param path the path of the echo endpoint, context path included
   * @return {@code http://127.0.0.1:<port><path>}
   */
  public static URI echoBase(int port, String path) {
    return URI.create("http://" + HOST + ":" + port + path);
  }

  /**
   * Runs a server for the life of the JVM. Never returns: exits 0 after a clean stop, 1 if the
   * server could not start.
   *
   * @param name the runtime's name, for standard error
   * @param start starts the server
   */
  public static void serve(String name, Start start) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Running running;
    try {
      running = start.start();
    } catch (Exception | LinkageError e) {
      System.err.println(name + ": could not start");
      e.printStackTrace();
      System.exit(1);
      return;
    }
    out.println("LISTENING " + running.echoBase() + " h2c=" + running.h2c());
    System.err.println(
        name
            + ": listening at "
            + running.echoBase()
            + " after "
            + ManagementFactory.getRuntimeMXBean().getUptime()
            + " ms (JVM uptime)");
    int status = 0;
    try {
      while (System.in.read() >= 0) {
        // nothing to read: the end of standard input is the signal to stop
      }
    } catch (IOException e) {
      // standard input is gone: stop as well
    }
    try {
      running.stop().stop();
    } catch (Exception e) {
      System.err.println(name + ": did not stop cleanly: " + e);
      status = 1;
    }
    System.exit(status);
  }
}
