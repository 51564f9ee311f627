package dev.hmacsigned.demo;

import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.KeySource;
import dev.hmacsigned.jaxrs.HmacServerFeature;
import dev.hmacsigned.servlet.HmacServletFilter;
import jakarta.servlet.DispatcherType;
import java.nio.file.Path;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * Jetty 12 serving Jersey under {@code /api} ({@code @HmacSigned}) and plain servlets under {@code
 * /servlet} ({@code HmacServletFilter}), both verifying with one verifier: one key ring, one replay
 * store, the defaults of protocol §6.
 */
final class DemoServer implements AutoCloseable {
  private final Server server;

  private DemoServer(Server server) {
    this.server = server;
  }

  static DemoServer start(String host, int port, Path keysFile) throws Exception {
    HmacVerifier verifier = HmacVerifier.builder().keySource(KeySource.keysFile(keysFile)).build();

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    ResourceConfig api =
        new ResourceConfig(DemoResource.class)
            .register(HmacServerFeature.builder().verifier(verifier).build());
    context.addServlet(new ServletHolder(new ServletContainer(api)), "/api/*");

    context.addServlet(new ServletHolder(new DemoServlets.Echo()), "/servlet/echo");
    context.addServlet(new ServletHolder(new DemoServlets.Items()), "/servlet/items/*");
    context.addServlet(new ServletHolder(new DemoServlets.Health()), "/servlet/health");
    FilterHolder filter = new FilterHolder(HmacServletFilter.of(verifier));
    filter.setAsyncSupported(true);
    context.addFilter(filter, "/servlet/echo", EnumSet.of(DispatcherType.REQUEST));
    context.addFilter(filter, "/servlet/items/*", EnumSet.of(DispatcherType.REQUEST));

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(context);
    server.start();
    return new DemoServer(server);
  }

  int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  void join() throws InterruptedException {
    server.join();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
