package dev.hmacsigned.benchmarks.http;

import io.undertow.Undertow;
import io.undertow.servlet.api.DeploymentInfo;
import java.net.InetSocketAddress;
import org.jboss.resteasy.core.ResteasyDeploymentImpl;
import org.jboss.resteasy.plugins.server.undertow.UndertowJaxrsServer;
import org.jboss.resteasy.spi.ResteasyDeployment;

/** RESTEasy on Undertow for {@link BenchServer}; loaded only on the Undertow class path. */
final class UndertowServer {
  private UndertowServer() {}

  static BenchServer.Running resteasy() {
    ListeningServer server = new ListeningServer();
    ResteasyDeployment deployment = new ResteasyDeploymentImpl();
    deployment.setApplication(new EchoResources.App());
    DeploymentInfo info = server.undertowDeployment(deployment, "/");
    info.setContextPath(BenchServer.CONTEXT);
    info.setDeploymentName("bench");
    info.setClassLoader(BenchServer.class.getClassLoader());
    server.deploy(info);
    server.start(Undertow.builder().addHttpListener(0, "127.0.0.1"));
    return new BenchServer.Running(server.port(), server::stop);
  }

  /** RESTEasy's server, telling the port its listener got. */
  private static final class ListeningServer extends UndertowJaxrsServer {
    int port() {
      return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }
  }
}
