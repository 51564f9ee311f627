package dev.hmacsigned.it.runtime;

import dev.hmacsigned.it.app.EchoServlet;
import dev.hmacsigned.servlet.HmacServletFilter;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Server runtime: the echo servlet on {@code /ctx/m/*} in Jetty 12 (ee10), behind {@code
 * HmacServletFilter} added by its class with no init parameters (it reads {@code hmac.keys.file}
 * from the system properties). One port speaks HTTP/1.1 and h2c (upgrade and prior knowledge), with
 * Jetty's default {@code HttpConfiguration}.
 */
public final class ServletJettyServer {
  private ServletJettyServer() {}

  /**
   * Starts the server.
   *
   * @param args none
   */
  public static void main(String[] args) {
    ServerRuntime.serve(
        "servlet-jetty",
        () -> {
          Server server = new Server();
          HttpConfiguration http = new HttpConfiguration();
          ServerConnector connector =
              new ServerConnector(
                  server, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
          connector.setHost(ServerRuntime.HOST);
          connector.setPort(0);
          server.addConnector(connector);

          ServletContextHandler context = new ServletContextHandler(ServerRuntime.CONTEXT);
          context.addFilter(HmacServletFilter.class, "/m/*", EnumSet.of(DispatcherType.REQUEST));
          context.addServlet(EchoServlet.class, "/m/*");
          server.setHandler(context);
          server.start();
          return new ServerRuntime.Running(
              ServerRuntime.echoBase(connector.getLocalPort(), ServerRuntime.CONTEXT + "/m"),
              true,
              server::stop);
        });
  }
}
