package dev.hmacsigned.it;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link SecurityContract} on a server Arquillian starts (its module's {@code arquillian.xml}): the
 * subclass's {@code @Deployment} method returns {@link #war()}.
 *
 * <pre>{@code
 * public class GlassfishSecurityIT extends AppServerSecurityContract {
 *   @Deployment(testable = false)
 *   public static WebArchive deployment() throws IOException {
 *     return war();
 *   }
 * }
 * }</pre>
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class AppServerSecurityContract extends SecurityContract {
  /** For the subclass. */
  protected AppServerSecurityContract() {}

  /**
   * Writes the WAR's keys file, beside the JAX-RS WAR's, and builds the WAR. The {@code
   * HmacServerFeature} of the WAR reads the server's {@code hmac.keys.file}, the JAX-RS WAR's,
   * which must exist when the WAR is deployed: written too if this is the module's first WAR.
   *
   * @return the WAR
   * @throws IOException if a keys file cannot be written
   */
  protected static WebArchive war() throws IOException {
    Path serverKeys = AppServerContract.jaxrsKeysFile();
    if (!Files.exists(serverKeys)) {
      ContractKeys.write(serverKeys, ContractKeys.Rotation.OLD_ONLY);
    }
    Path keysFile = serverKeys.resolveSibling("security-keys.properties");
    ContractKeys.write(keysFile, ContractKeys.Rotation.OLD_ONLY);
    return SecurityWars.security(keysFile);
  }

  @Override
  protected URI baseUri() {
    return URI.create(
        "http://127.0.0.1:"
            + ContractSuite.requiredProperty("it.server.http-port")
            + "/"
            + SecurityWars.SECURITY_WAR
            + "/");
  }
}
