package dev.hmacsigned.it;

import java.io.IOException;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The contract suite against the servlet WAR ({@link ContractWars#servlet}): plain servlets behind
 * {@code HmacServletFilter} declared in {@code web.xml}, its keys file ({@code
 * it.server.servlet-keys-file}) named there by an init parameter.
 *
 * <pre>{@code
 * public class WildflyServletIT extends ServletWarContract {
 *   @Deployment(testable = false)
 *   public static WebArchive deployment() throws IOException {
 *     return war();
 *   }
 * }
 * }</pre>
 */
public abstract class ServletWarContract extends AppServerContract {
  /** Sets the suite up for the servlet WAR. */
  protected ServletWarContract() {
    super(SERVLET_WAR, servletKeysFile());
  }

  /**
   * Writes the keys file named in {@code web.xml} (it must exist when the WAR is deployed) and
   * builds the WAR. For the subclass's {@code @Deployment} method.
   *
   * @return the WAR
   * @throws IOException if the keys file cannot be written
   */
  protected static WebArchive war() throws IOException {
    ContractKeys.write(servletKeysFile(), ContractKeys.Rotation.OLD_ONLY);
    return ContractWars.servlet(SERVLET_WAR, servletKeysFile());
  }
}
