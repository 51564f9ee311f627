package dev.hmacsigned.it;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@code hmac-signed-jakarta-security} on Open Liberty: the WAR whose authentication mechanism is
 * the library's, in a server of its own with the features it needs beyond the JAX-RS WAR's: {@code
 * appSecurity-5.0} (Jakarta Security) and {@code enterpriseBeansLite-4.0} (the WAR's EJB).
 */
class LibertySecurityIT extends SecurityContract {
  private static ServerUnderTest server;

  @BeforeAll
  static void start() throws Exception {
    ServerJvm jvm = ServerJvm.prepare("liberty-security");
    server =
        OpenLiberty.start(
            jvm,
            OpenLiberty.name(SecurityWars.SECURITY_WAR),
            List.of("appSecurity-5.0", "enterpriseBeansLite-4.0"),
            SecurityWars.security(jvm.keysFile()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected URI baseUri() {
    return server.baseUri();
  }
}
