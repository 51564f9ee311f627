package dev.hmacsigned.it.runtime;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.servlet.api.DeploymentInfo;
import java.net.InetSocketAddress;
import org.jboss.resteasy.core.ResteasyDeploymentImpl;
import org.jboss.resteasy.plugins.server.undertow.UndertowJaxrsServer;
import org.jboss.resteasy.spi.ResteasyDeployment;

/**
 * Server runtime: the {@link EchoApplication} on RESTEasy's {@code UndertowJaxrsServer}, under the
 * context path {@code /ctx}. Undertow's plain HTTP listener speaks h2c (upgrade and prior
 * knowledge) once {@code UndertowOptions.ENABLE_HTTP2} is on; nothing else is changed.
 */
public final class ResteasyUndertowServer {
  private ResteasyUndertowServer() {}

  /**
   * Starts the server.
   *
   * @param args none
   */
  public static void main(String[] args) {
    ServerRuntime.serve(
        "resteasy-undertow",
        () -> {
          ListeningServer server = new ListeningServer();
          ResteasyDeployment deployment = new ResteasyDeploymentImpl();
          deployment.setApplication(new EchoApplication());
          DeploymentInfo info = server.undertowDeployment(deployment, "/");
          info.setContextPath(ServerRuntime.CONTEXT);
          info.setDeploymentName("echo");
          info.setClassLoader(ResteasyUndertowServer.class.getClassLoader());
          server.deploy(info);
          server.start(
              Undertow.builder()
                  .addHttpListener(0, ServerRuntime.HOST)
                  .setServerOption(UndertowOptions.ENABLE_HTTP2, true));
          return new ServerRuntime.Running(
              ServerRuntime.echoBase(server.port(), ServerRuntime.CONTEXT + "/api/m"),
              true,
              server::stop);
        });
  }

  /** RESTEasy's server, telling the port its listener got. */
  private static final class ListeningServer extends UndertowJaxrsServer {
    int port() {
      return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }
  }
}
