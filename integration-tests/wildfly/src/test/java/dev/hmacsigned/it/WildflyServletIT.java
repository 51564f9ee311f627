package dev.hmacsigned.it;

import java.io.IOException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The contract suite against the servlet WAR on WildFly: {@code HmacServletFilter} in web.xml. */
public class WildflyServletIT extends ServletWarContract {
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
