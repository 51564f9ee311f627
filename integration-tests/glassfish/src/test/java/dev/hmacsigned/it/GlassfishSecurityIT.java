package dev.hmacsigned.it;

import java.io.IOException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * {@code hmac-signed-jakarta-security} on GlassFish: the WAR whose authentication mechanism is the
 * library's. Nothing of GlassFish is configured: its default principal-to-role mapping makes the
 * key's roles the caller's roles, and the {@code @RolesAllowed} of GlassFish's MicroProfile JWT
 * module, which answers 401 to every HMAC caller of the plain JAX-RS WAR ({@link GlassfishJaxrsIT}
 * turns it off in {@code web.xml}), sees a container-authenticated caller here: no {@code web.xml}
 * line.
 */
public class GlassfishSecurityIT extends AppServerSecurityContract {
  /**
   * The WAR.
   *
   * @return the WAR Arquillian deploys
   * @throws IOException if the keys file cannot be written
   */
  @Deployment(testable = false)
  public static WebArchive deployment() throws IOException {
    return war();
  }
}
