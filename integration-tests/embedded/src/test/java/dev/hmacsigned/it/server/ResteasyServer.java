package dev.hmacsigned.it.server;

import dev.hmacsigned.jaxrs.RemoteAddressListener;
import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.core.ResteasyDeploymentImpl;
import org.jboss.resteasy.plugins.server.undertow.UndertowJaxrsServer;
import org.jboss.resteasy.spi.ResteasyDeployment;

/** The contract application on RESTEasy and Undertow. Usage: {@code ResteasyServer PORT}. */
public final class ResteasyServer {
  private ResteasyServer() {}

  public static void main(String[] args) throws IOException {
    ServerMain.serve(
        args,
        port -> {
          UndertowJaxrsServer server = new UndertowJaxrsServer();
          ResteasyDeployment deployment = new ResteasyDeploymentImpl();
          deployment.setApplication(new ContractApplication());
          DeploymentInfo info = server.undertowDeployment(deployment, "/");
          info.setContextPath(ServerMain.CONTEXT);
          info.setDeploymentName("contract");
          info.setClassLoader(ResteasyServer.class.getClassLoader());
          info.setDefaultEncoding(StandardCharsets.UTF_8.name());
          // A servlet deployment built in code scans no web-fragment.xml: the listener that lets
          // the library log the caller's address is added by hand, as the README says.
          info.addListener(Servlets.listener(RemoteAddressListener.class));
          server.deploy(info);
          server.start(Undertow.builder().addHttpListener(port, "127.0.0.1"));
          return server::stop;
        });
  }
}
