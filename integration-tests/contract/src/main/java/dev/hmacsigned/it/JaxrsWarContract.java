package dev.hmacsigned.it;

import java.io.IOException;
import java.util.Map;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The contract suite against the JAX-RS WAR ({@link ContractWars#jaxrs}): {@code @HmacSigned}
 * resources, the library's jars, and no configuration of the library in the WAR but what a subclass
 * puts in {@code microprofile-config.properties}. The server's {@code hmac.keys.file} names {@code
 * it.server.jaxrs-keys-file}.
 *
 * <pre>{@code
 * public class WildflyJaxrsIT extends JaxrsWarContract {
 *   @Deployment(testable = false)
 *   public static WebArchive deployment() throws IOException {
 *     return war(Map.of(), Map.of());
 *   }
 * }
 * }</pre>
 */
public abstract class JaxrsWarContract extends AppServerContract {
  /** Sets the suite up for the JAX-RS WAR. */
  protected JaxrsWarContract() {
    super(JAXRS_WAR, jaxrsKeysFile());
  }

  /**
   * Writes the keys file the server reads (it must exist when the WAR is deployed) and builds the
   * WAR. For the subclass's {@code @Deployment} method.
   *
   * @param microProfileConfig entries of the WAR's {@code microprofile-config.properties}
   * @param runtimeParameters init parameters of the JAX-RS runtime's servlet, in {@code web.xml}
   * @return the WAR
   * @throws IOException if the keys file cannot be written
   */
  protected static WebArchive war(
      Map<String, String> microProfileConfig, Map<String, String> runtimeParameters)
      throws IOException {
    ContractKeys.write(jaxrsKeysFile(), true);
    return ContractWars.jaxrs(JAXRS_WAR, microProfileConfig, runtimeParameters);
  }
}
