package dev.hmacsigned.it.server;

import java.io.IOException;
import java.net.URI;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/** The contract application on Jersey and Grizzly. Usage: {@code JerseyServer PORT}. */
public final class JerseyServer {
  private JerseyServer() {}

  public static void main(String[] args) throws IOException {
    // Grizzly refuses %2F in paths (a bare 500) unless told otherwise; protocol v1 signs it as
    // sent.
    System.setProperty("org.glassfish.grizzly.util.buf.UDecoder.ALLOW_ENCODED_SLASH", "true");
    ServerMain.serve(
        args,
        port -> {
          HttpServer server =
              GrizzlyHttpServerFactory.createHttpServer(
                  URI.create("http://127.0.0.1:" + port + ServerMain.CONTEXT + "/"),
                  ResourceConfig.forApplication(new ContractApplication())
                      .register(GrizzlyRemoteAddress.class),
                  true);
          return server::shutdownNow;
        });
  }
}
