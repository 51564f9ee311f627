package dev.hmacsigned.it.runtime;

import dev.hmacsigned.it.app.EchoResource;
import dev.hmacsigned.jaxrs.HmacServerFeature;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.transport.http_jetty.JettyHTTPDestination;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngine;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Server runtime: the echo resource on Apache CXF's JAX-RS server and its default HTTP transport
 * (Jetty), at the address {@code http://127.0.0.1:<port>/ctx}. {@code HmacServerFeature} is one of
 * the factory's providers, as a CXF user registers a JAX-RS feature; it reads {@code
 * hmac.keys.file} from the system properties.
 *
 * <p>CXF's Jetty transport adds h2c to its plain HTTP connector by itself when Jetty's HTTP/2
 * server is on the class path ({@code org.apache.cxf.transports.http2.enabled} is true by default);
 * this module has it. CXF also configures its Jetty with {@code UriCompliance.LEGACY}, not Jetty's
 * default.
 *
 * <p>The address names the port, found free just before: CXF's {@code UriInfo.getRequestUri()}
 * always carries the authority of the published address, whatever the request's {@code Host} (with
 * {@code :0} it would say port 0), and that is what the library falls back to for {@code host} when
 * a request has no {@code Host} header (HTTP/2 with prior knowledge).
 */
public final class CxfServer {
  private CxfServer() {}

  /**
   * Starts the server.
   *
   * @param args none
   */
  public static void main(String[] args) {
    ServerRuntime.serve(
        "cxf-server",
        () -> {
          JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
          factory.setAddress(
              "http://" + ServerRuntime.HOST + ":" + freePort() + ServerRuntime.CONTEXT);
          factory.setResourceClasses(EchoResource.class);
          factory.setProviders(List.of(new HmacServerFeature()));
          Server server = factory.create();
          ServerConnector connector =
              (ServerConnector)
                  ((JettyHTTPServerEngine)
                          ((JettyHTTPDestination) server.getDestination()).getEngine())
                      .getConnector();
          int port = connector.getLocalPort();
          return new ServerRuntime.Running(
              ServerRuntime.echoBase(port, ServerRuntime.CONTEXT + "/api/m"),
              connector.getProtocols().contains("h2c"),
              () -> {
                server.stop();
                server.destroy();
              });
        });
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(ServerRuntime.HOST))) {
      return probe.getLocalPort();
    }
  }
}
