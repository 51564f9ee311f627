package dev.hmacsigned.benchmarks.http;

import dev.hmacsigned.servlet.HmacServletFilter;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.servlet.ServletContainer;

/** The Jetty 12 servers of {@link BenchServer}; loaded only on the Jetty class path. */
final class JettyServers {
  private JettyServers() {}

  static BenchServer.Running servlet() throws Exception {
    ServletContextHandler context = new ServletContextHandler(BenchServer.CONTEXT);
    context.addFilter(
        new FilterHolder(HmacServletFilter.of(BenchServer.verifier())),
        "/signed/*",
        EnumSet.of(DispatcherType.REQUEST));
    ServletHolder echo = new ServletHolder(new EchoServlet());
    context.getServletHandler().addServletWithMapping(echo, "/signed/*");
    context.getServletHandler().addServletWithMapping(echo, "/plain/*");
    return jetty(context);
  }

  static BenchServer.Running jersey() throws Exception {
    ServletContextHandler context = new ServletContextHandler(BenchServer.CONTEXT);
    ServletHolder jersey = new ServletHolder(new ServletContainer());
    jersey.setInitParameter("jakarta.ws.rs.Application", EchoResources.App.class.getName());
    context.addServlet(jersey, "/*");
    return jetty(context);
  }

  private static BenchServer.Running jetty(ServletContextHandler context) throws Exception {
    Server server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    String cache = System.getProperty(BenchServer.JETTY_HEADER_CACHE);
    if (cache != null) {
      http.setHeaderCacheSize(Integer.parseInt(cache));
    }
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(context);
    server.start();
    return new BenchServer.Running(
        connector.getLocalPort(),
        () -> {
          try {
            server.stop();
          } catch (Exception e) {
            System.err.println("Jetty did not stop cleanly: " + e);
          }
        });
  }
}
