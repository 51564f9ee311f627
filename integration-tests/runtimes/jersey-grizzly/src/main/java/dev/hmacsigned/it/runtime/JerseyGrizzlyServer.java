package dev.hmacsigned.it.runtime;

import dev.hmacsigned.it.app.EchoResource;
import dev.hmacsigned.jaxrs.HmacServerFeature;
import java.net.URI;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * Server runtime: the echo resource on Jersey and its Grizzly HTTP server, with {@code
 * HmacServerFeature} registered on the {@code ResourceConfig} as the README tells an embedded
 * Jersey user. HTTP/1.1 only, as Jersey's Grizzly container ships.
 */
public final class JerseyGrizzlyServer {
  private JerseyGrizzlyServer() {}

  /**
   * Starts the server.
   *
   * @param args none
   */
  public static void main(String[] args) {
    ServerRuntime.serve(
        "jersey-grizzly",
        () -> {
          ResourceConfig application =
              new ResourceConfig().register(EchoResource.class).register(HmacServerFeature.class);
          HttpServer server =
              GrizzlyHttpServerFactory.createHttpServer(
                  URI.create("http://" + ServerRuntime.HOST + ":0" + ServerRuntime.CONTEXT + "/"),
                  application,
                  false);
          // Grizzly answers a bare 500 to %2F in a path unless both the server's handler chain
          // and Jersey's handler allow encoded slashes (the UDecoder system property does not
          // reach their decoding); protocol v1 signs the path as sent.
          server.getHttpHandler().setAllowEncodedSlash(true);
          server
              .getServerConfiguration()
              .getHttpHandlers()
              .keySet()
              .forEach(handler -> handler.setAllowEncodedSlash(true));
          server.start();
          int port = server.getListeners().iterator().next().getPort();
          return new ServerRuntime.Running(
              ServerRuntime.echoBase(port, ServerRuntime.CONTEXT + "/api/m"),
              false,
              server::shutdownNow);
        });
  }
}
