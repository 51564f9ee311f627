package dev.hmacsigned.demo;

import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.jaxrs.HmacServerFeature;
import dev.hmacsigned.servlet.HmacServletFilter;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * Jetty 12 serving Jersey under {@code /api} ({@code @HmacSigned}) and plain servlets under {@code
 * /servlet} ({@code HmacServletFilter}), both verifying with one verifier: one key ring, one replay
 * store.
 *
 * <p>One port speaks HTTP/1.1 and h2c, both by prior knowledge and by {@code Upgrade: h2c}. Jetty
 * is configured as the README tells Jetty users: a case-sensitive header cache, so that covered
 * headers other than {@code host} and {@code content-type} (which the library puts in a canonical
 * form itself) reach the filters with the case they were sent with.
 */
final class DemoServer implements AutoCloseable {
  private final Server server;

  private DemoServer(Server server) {
    this.server = server;
  }

  static DemoServer start(String host, int port, HmacVerifier verifier) throws Exception {
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
    HttpConfiguration http = new HttpConfiguration();
    // Jetty's header cache otherwise hands the application its own spelling of some common values
    // (e.g. "gzip" for "GZIP"), which breaks a signature that covers such a header.
    http.setHeaderCacheCaseSensitive(true);
    // Jetty caches header values of up to headerCacheSize characters per connection, Authorization
    // among them; a signed request's Authorization (about 190 characters, new on every request)
    // filled that cache and cleared it every few requests (docs/performance.md, Jetty). At 128 the
    // signature is never cached, and Host, Content-Type, Accept still are.
    http.setHeaderCacheSize(128);
    ServerConnector connector =
        new ServerConnector(
            server, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
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
