package dev.hmacsigned.it.runtime;

import dev.hmacsigned.it.app.EchoResource;
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
 * Server runtime: the echo resource on Jersey's {@code ServletContainer} in Jetty 12 (ee10), under
 * the context path {@code /ctx}. {@code HmacServerFeature} is found by Jersey's package scanning
 * (it is a {@code @Provider}), as a Jersey user who scans packages gets it. One port speaks
 * HTTP/1.1 and h2c (upgrade and prior knowledge), with Jetty's default {@code HttpConfiguration}.
 */
public final class JerseyJettyServer {
  private JerseyJettyServer() {}

  /**
   * Starts the server.
   *
   * @param args none
   */
  public static void main(String[] args) {
    ServerRuntime.serve(
        "jersey-jetty",
        () -> {
          Server server = new Server();
          HttpConfiguration http = new HttpConfiguration();
          ServerConnector connector =
              new ServerConnector(
                  server, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
          connector.setHost(ServerRuntime.HOST);
          connector.setPort(0);
          server.addConnector(connector);

          ResourceConfig application =
              new ResourceConfig().register(EchoResource.class).packages("dev.hmacsigned.jaxrs");
          ServletContextHandler context = new ServletContextHandler(ServerRuntime.CONTEXT);
          context.addServlet(new ServletHolder(new ServletContainer(application)), "/*");
          server.setHandler(context);
          server.start();
          return new ServerRuntime.Running(
              ServerRuntime.echoBase(connector.getLocalPort(), ServerRuntime.CONTEXT + "/api/m"),
              true,
              server::stop);
        });
  }
}
