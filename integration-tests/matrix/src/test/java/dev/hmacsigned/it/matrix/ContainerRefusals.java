package dev.hmacsigned.it.matrix;

/**
 * What each embedded server's container does before any filter runs, on its default settings: the
 * corpus requests it refuses, and the clients it cannot serve at all, each with the reason as
 * observed. Nothing else may be refused; each entry is printed with the matrix.
 */
final class ContainerRefusals {
  private static final String JETTY_SLASH =
      "Jetty 12's default UriCompliance rejects an ambiguous path separator (%2F) with 400";
  private static final String JETTY_PERCENT =
      "Jetty 12's default UriCompliance rejects an ambiguous path encoding (%25) with 400";
  private static final String GRIZZLY_UPGRADE =
      "Grizzly 4.0.2 without its HTTP/2 add-on never answers a signed request that carries"
          + " 'Upgrade: h2c', which this client sends on every new connection. Observed: an"
          + " unsigned request with that header gets its 401 (no body is read), a signed one gets"
          + " nothing, also a GET without a body: reading the body, as verification and the echo"
          + " do, waits for the end of the connection";

  private ContainerRefusals() {}

  static Target allowList(String server, Target target) {
    return switch (server) {
      case "jersey-grizzly" ->
          target
              .excludes("jdk-httpclient-h2c", GRIZZLY_UPGRADE)
              .excludes(
                  "cxf-client",
                  "CXF 4.1's default conduit is the JDK HttpClient: " + GRIZZLY_UPGRADE);
      case "jersey-jetty", "servlet-jetty" ->
          target
              .refuses("get-path-encoded-slash", 400, JETTY_SLASH)
              .refuses("get-path-encoded-percent", 400, JETTY_PERCENT);
      case "servlet-tomcat" ->
          target
              .refuses(
                  "get-path-encoded-slash",
                  400,
                  "Tomcat rejects %2F in a path by default (encodedSolidusHandling=reject)")
              .refuses(
                  "get-query-brackets-literal",
                  400,
                  "Tomcat rejects a literal [ or ] in the request target unless relaxedQueryChars"
                      + " allows them (RFC 3986 does not allow them in a query)");
      default -> target;
    };
  }
}
