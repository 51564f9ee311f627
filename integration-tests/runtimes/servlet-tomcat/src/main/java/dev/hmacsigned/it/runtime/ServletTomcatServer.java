package dev.hmacsigned.it.runtime;

import dev.hmacsigned.it.app.EchoServlet;
import dev.hmacsigned.servlet.HmacServletFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http2.Http2Protocol;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * Server runtime: the echo servlet on {@code /ctx/m/*} in embedded Tomcat, behind {@code
 * HmacServletFilter} declared by its class with no init parameters (it reads {@code hmac.keys.file}
 * from the system properties), as {@code web.xml} would. The connector is Tomcat's default HTTP/1.1
 * connector with {@code Http2Protocol} added as an upgrade protocol, which gives h2c (upgrade and
 * prior knowledge); nothing else is changed.
 */
public final class ServletTomcatServer {
  private ServletTomcatServer() {}

  /**
   * Starts the server.
   *
   * @param args none
   */
  public static void main(String[] args) {
    ServerRuntime.serve(
        "servlet-tomcat",
        () -> {
          Path baseDir = Files.createTempDirectory("tomcat");
          Tomcat tomcat = new Tomcat();
          tomcat.setBaseDir(baseDir.toString());
          Connector connector = new Connector();
          connector.setProperty("address", ServerRuntime.HOST);
          connector.setPort(0);
          connector.addUpgradeProtocol(new Http2Protocol());
          tomcat.setConnector(connector);

          Context context = tomcat.addContext(ServerRuntime.CONTEXT, null);
          FilterDef filter = new FilterDef();
          filter.setFilterName("hmac");
          filter.setFilterClass(HmacServletFilter.class.getName());
          filter.setAsyncSupported("true");
          context.addFilterDef(filter);
          FilterMap mapping = new FilterMap();
          mapping.setFilterName("hmac");
          mapping.addURLPattern("/m/*");
          context.addFilterMap(mapping);
          Tomcat.addServlet(context, "echo", new EchoServlet());
          context.addServletMappingDecoded("/m/*", "echo");

          tomcat.start();
          return new ServerRuntime.Running(
              ServerRuntime.echoBase(connector.getLocalPort(), ServerRuntime.CONTEXT + "/m"),
              true,
              () -> {
                tomcat.stop();
                tomcat.destroy();
                deleteTree(baseDir);
              });
        });
  }

  /** Tomcat's base directory (work files of the context) goes with the server. */
  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.delete(path);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
