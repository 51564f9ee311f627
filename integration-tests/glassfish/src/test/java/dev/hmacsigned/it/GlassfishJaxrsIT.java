package dev.hmacsigned.it;

import java.io.IOException;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The contract suite against the JAX-RS WAR on GlassFish (Jersey). Every setting of the library is
 * a system property of the server (arquillian.xml); the WAR holds none.
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
    return war(Map.of(), Map.of("jersey.config.disableMetainfServicesLookup", "true"));
  }
}
