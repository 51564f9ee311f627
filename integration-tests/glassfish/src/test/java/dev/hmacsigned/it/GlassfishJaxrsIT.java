package dev.hmacsigned.it;

import java.io.IOException;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The contract suite against the JAX-RS WAR on GlassFish (Jersey).
 *
 * <p>GlassFish 7 adds its MicroProfile JWT module's {@code RolesAllowedDynamicFeature} to every
 * Jersey application, through {@code META-INF/services}. That feature takes over
 * {@code @RolesAllowed}: the deployment fails unless the WAR is a CDI bean archive ({@code Unable
 * to access CDI}), and then it answers 401 to every caller not logged in through Jakarta Security,
 * HMAC callers included. The WAR's {@code web.xml} turns that lookup off for the application's
 * servlet, as the README tells GlassFish users to do.
 */
public class GlassfishJaxrsIT extends JaxrsWarContract {
  /**
   * The WAR.
   *
   * @return the WAR Arquillian deploys
   * @throws IOException if the keys file cannot be written
   */
  @Deployment(testable = false)
  public static WebArchive deployment() throws IOException {
    return war(Map.of("jersey.config.disableMetainfServicesLookup", "true"));
  }
}
