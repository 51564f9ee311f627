package dev.hmacsigned.it.load.server;

import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.KeySource;
import dev.hmacsigned.jaxrs.HmacServerFeature;
import dev.hmacsigned.servlet.HmacServletFilter;
import jakarta.servlet.DispatcherType;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * A server under load, in a JVM of its own: {@code LoadServer servlet-jetty} (the echo servlet
 * behind {@code HmacServletFilter} in Jetty 12) or {@code LoadServer jersey-grizzly} (the echo
 * resource behind {@code HmacServerFeature} in Jersey on Grizzly). Both bind 127.0.0.1 on a free
 * port with their container's default settings and serve, under the context {@value #CONTEXT}:
 *
 * <ul>
 *   <li>{@code /signed/echo} (signed, {@code POST}): the body back, byte for byte;
 *   <li>{@code /signed/items/<id>} (signed, {@code GET}): {@code items/<id>?<raw query>};
 *   <li>{@code /probe/heap} (open): the heap used after full garbage collections, in bytes.
 * </ul>
 *
 * <p>The library is configured by the names of protocol §8 from system properties ({@code
 * hmac.keys.file}, {@code hmac.clock-skew}, …) through {@link HmacConfig}; the keys file is checked
 * for changes every {@value #KEYS_CHECK_INTERVAL_MS} milliseconds (1000, the library's default,
 * when not set), through the public {@code KeySource.keysFile(path, interval)}. Temporary body
 * files go to {@code java.io.tmpdir}, the library's default. It prints {@code LISTENING <port>}
 * when ready and serves until its standard input closes.
 */
public final class LoadServer {
  /** The context path of both servers. */
  public static final String CONTEXT = "/ctx";

  /** System property: how often, in milliseconds, a request may trigger a keys-file check. */
  public static final String KEYS_CHECK_INTERVAL_MS = "load.keys.check-interval-ms";

  private LoadServer() {}

  /**
   * Starts the server named by {@code args[0]}.
   *
   * @param args {@code servlet-jetty} or {@code jersey-grizzly}
   * @throws Exception if it cannot start
   */
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    HmacVerifier verifier = verifier();
    Running running =
        switch (args[0]) {
          case "servlet-jetty" -> servletOnJetty(verifier);
          case "jersey-grizzly" -> jerseyOnGrizzly(verifier);
          default -> throw new IllegalArgumentException("unknown server " + args[0]);
        };
    out.println("LISTENING " + running.port());
    while (System.in.read() >= 0) {
      // nothing to read: the end of standard input is the signal to stop
    }
    running.stop().run();
    System.exit(0);
  }

  private record Running(int port, Runnable stop) {}

  /** One verifier from the system properties, as a WAR would get it, with the check interval. */
  static HmacVerifier verifier() {
    HmacConfig config = HmacConfig.lookup(null);
    Path keys =
        config
            .keysFile()
            .orElseThrow(
                () -> new HmacConfigurationException(HmacConfig.KEYS_FILE + " is not set"));
    Duration interval = Duration.ofMillis(Long.getLong(KEYS_CHECK_INTERVAL_MS, 1000));
    return config.verifierBuilder(KeySource.keysFile(keys, interval)).build();
  }

  private static Running servletOnJetty(HmacVerifier verifier) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler(CONTEXT);
    context.addFilter(
        new FilterHolder(HmacServletFilter.of(verifier)),
        "/signed/*",
        EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new EchoServlet()), "/signed/*");
    context.addServlet(new ServletHolder(new HeapProbe.Servlet()), "/probe/*");
    server.setHandler(context);
    server.start();
    return new Running(
        connector.getLocalPort(),
        () -> {
          try {
            server.stop();
          } catch (Exception e) {
            System.err.println("Jetty did not stop cleanly: " + e);
          }
        });
  }

  private static Running jerseyOnGrizzly(HmacVerifier verifier) {
    ResourceConfig application =
        new ResourceConfig()
            .register(EchoResource.class)
            .register(HeapProbe.Resource.class)
            .register(HmacServerFeature.of(verifier));
    HttpServer server =
        GrizzlyHttpServerFactory.createHttpServer(
            URI.create("http://127.0.0.1:0" + CONTEXT + "/"), application, true);
    int port = server.getListeners().iterator().next().getPort();
    return new Running(port, server::shutdownNow);
  }
}
