package dev.hmacsigned.it;

import java.io.IOException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * {@code hmac-signed-jakarta-security} on WildFly: the WAR whose authentication mechanism is the
 * library's. WildFly needs one setting ({@code src/test/wildfly/configure.cli}): {@code
 * integrated-jaspi=false} on the {@code other} application security domain, so that the mechanism's
 * caller becomes an ad hoc identity with the key's roles instead of having to be a user of
 * ApplicationRealm. RESTEasy checks {@code @RolesAllowed} on resources that are not {@code
 * HmacSigned} only with the WAR's context parameter {@code resteasy.role.based.security}.
 */
public class WildflySecurityIT extends AppServerSecurityContract {
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
