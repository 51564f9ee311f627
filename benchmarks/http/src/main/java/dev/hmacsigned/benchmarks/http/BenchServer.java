package dev.hmacsigned.benchmarks.http;

import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.KeySource;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One server of the HTTP benchmark, in a JVM of its own: {@code BenchServer servlet-jetty} ({@link
 * EchoServlet} on Jetty 12, {@code HmacServletFilter} on {@code /signed/*} only), {@code
 * BenchServer jersey-jetty} ({@link EchoResources.App} in Jersey's {@code ServletContainer} on
 * Jetty 12) or {@code BenchServer resteasy-undertow} (the same application on RESTEasy's {@code
 * UndertowJaxrsServer}). Each binds 127.0.0.1 on a free port with its container's default settings
 * and serves {@code /ctx/signed/...} (the library on) and {@code /ctx/plain/...} (off). The library
 * is configured from the system properties ({@code hmac.keys.file}, …), with its default in-memory
 * replay store.
 *
 * <p>System property {@value #JETTY_HEADER_CACHE}: Jetty's {@code
 * HttpConfiguration.headerCacheSize}, when set. It prints {@code LISTENING <port>} when ready and
 * serves until its standard input closes.
 */
public final class BenchServer {
  /** The context path of every server. */
  public static final String CONTEXT = "/ctx";

  /** System property: Jetty's header cache size ({@code HttpConfiguration.headerCacheSize}). */
  public static final String JETTY_HEADER_CACHE = "bench.jetty.header-cache-size";

  private BenchServer() {}

  /**
   * Starts the server named by {@code args[0]}.
   *
   * @param args {@code servlet-jetty}, {@code jersey-jetty} or {@code resteasy-undertow}
   * @throws Exception if it cannot start
   */
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Running running =
        switch (args[0]) {
          case "servlet-jetty" -> JettyServers.servlet();
          case "jersey-jetty" -> JettyServers.jersey();
          case "resteasy-undertow" -> UndertowServer.resteasy();
          default -> throw new IllegalArgumentException("unknown server " + args[0]);
        };
    out.println("LISTENING " + running.port());
    while (System.in.read() >= 0) {
      // nothing to read: the end of standard input is the signal to stop
    }
    running.stop().run();
    System.exit(0);
  }

  /** A started server: its port and how to stop it. */
  record Running(int port, Runnable stop) {}

  static HmacVerifier verifier() {
    HmacConfig config = HmacConfig.lookup(null);
    Path keys =
        config
            .keysFile()
            .orElseThrow(
                () -> new HmacConfigurationException(HmacConfig.KEYS_FILE + " is not set"));
    return config.verifierBuilder(KeySource.keysFile(keys)).build();
  }
}
