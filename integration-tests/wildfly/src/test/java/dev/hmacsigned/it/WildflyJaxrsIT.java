package dev.hmacsigned.it;

import java.io.IOException;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The contract suite against the JAX-RS WAR on WildFly (RESTEasy). */
public class WildflyJaxrsIT extends JaxrsWarContract {
  /**
   * The WAR.
   *
   * @return the WAR Arquillian deploys
   * @throws IOException if the keys file cannot be written
   */
  @Deployment(testable = false)
  public static WebArchive deployment() throws IOException {
    return war(Map.of());
  }
}
