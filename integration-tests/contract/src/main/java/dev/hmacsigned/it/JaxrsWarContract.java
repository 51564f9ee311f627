package dev.hmacsigned.it;

import dev.hmacsigned.core.HmacConfig;
import java.io.IOException;
import java.util.Map;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The contract suite against the JAX-RS WAR ({@link ContractWars#jaxrs}): {@code @HmacSigned}
 * resources, the library's jars, and no configuration of the library in code. The server's {@code
 * hmac.keys.file} system property names {@code it.server.jaxrs-keys-file}; the body limit and the
 * replay store come from the WAR's {@code microprofile-config.properties}, through the server's
 * MicroProfile Config.
 *
 * <pre>{@code
 * public class WildflyJaxrsIT extends JaxrsWarContract {
 *   @Deployment(testable = false)
 *   public static WebArchive deployment() throws IOException {
 *     return war(Map.of());
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
   * @param runtimeParameters init parameters of the JAX-RS runtime's servlet, in {@code web.xml},
   *     for a server whose runtime needs them; empty for none
   * @return the WAR
   * @throws IOException if the keys file cannot be written
   */
  protected static WebArchive war(Map<String, String> runtimeParameters) throws IOException {
    ContractKeys.write(jaxrsKeysFile(), ContractKeys.Rotation.OLD_ONLY);
    Map<String, String> microProfileConfig =
        Map.of(
            HmacConfig.MAX_BODY_BYTES,
            Long.toString(MAX_BODY_BYTES),
            HmacConfig.REPLAY_STORE,
            REPLAY_STORE);
    return ContractWars.jaxrs(JAXRS_WAR, microProfileConfig, runtimeParameters);
  }
}
