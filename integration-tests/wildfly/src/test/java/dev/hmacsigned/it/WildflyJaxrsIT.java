package dev.hmacsigned.it;

import dev.hmacsigned.core.HmacConfig;
import java.io.IOException;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The contract suite against the JAX-RS WAR on WildFly (RESTEasy). The keys file comes from the
 * server's {@code hmac.keys.file} system property; the body limit and the replay store from the
 * WAR's {@code microprofile-config.properties}, read through WildFly's MicroProfile Config.
 */
public class WildflyJaxrsIT extends JaxrsWarContract {
  /**
   * The WAR.
   *
   * @return the WAR Arquillian deploys
   * @throws IOException if the keys file cannot be written
   */
  @Deployment(testable = false)
  public static WebArchive deployment() throws IOException {
    Map<String, String> microProfileConfig =
        Map.of(
            HmacConfig.MAX_BODY_BYTES,
            Long.toString(MAX_BODY_BYTES),
            HmacConfig.REPLAY_STORE,
            REPLAY_STORE);
    return war(microProfileConfig, Map.of());
  }
}
