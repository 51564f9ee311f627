package dev.hmacsigned.it.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/** The contract application on Jersey and Grizzly. Usage: {@code JerseyServer PORT}. */
public final class JerseyServer {
  private JerseyServer() {}

  public static void main(String[] args) throws IOException {
    ServerMain.serve(
        args,
        port -> {
          HttpServer server =
              GrizzlyHttpServerFactory.createHttpServer(
                  URI.create("http://127.0.0.1:" + port + ServerMain.CONTEXT + "/"),
                  ResourceConfig.forApplication(new ContractApplication())
                      .register(GrizzlyRemoteAddress.class),
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
          try {
            server.start();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return server::shutdownNow;
        });
  }
}
