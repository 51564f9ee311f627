package dev.hmacsigned.it.matrix;

import java.net.URI;
import java.util.List;

/**
 * The two echo endpoints of an application server running the contract's WARs: {@code
 * hmac-jaxrs.war} at {@code /hmac-jaxrs/api/m} and {@code hmac-servlet.war} at {@code
 * /hmac-servlet/m}.
 */
public final class AppServerTargets {
  private AppServerTargets() {}

  /**
   * The targets of both WARs.
   *
   * @param server a short name of the server, for example {@code wildfly}
   * @param httpPort the server's HTTP port
   * @param h2c whether its HTTP listener serves h2c on the same port
   * @return the JAX-RS WAR's target, then the servlet WAR's
   */
  public static List<Target> of(String server, int httpPort, boolean h2c) {
    String root = "http://127.0.0.1:" + httpPort;
    return List.of(
        Target.of(server + "-jaxrs-war", URI.create(root + "/hmac-jaxrs/api/m"), h2c),
        Target.of(server + "-servlet-war", URI.create(root + "/hmac-servlet/m"), h2c));
  }
}
