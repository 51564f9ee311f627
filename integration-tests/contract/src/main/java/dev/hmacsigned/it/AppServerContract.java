package dev.hmacsigned.it;

import java.net.URI;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract suite against a WAR on an application server. Arquillian starts the server once per
 * module (its {@code arquillian.xml}), deploys the WAR of the subclass's {@code @Deployment} method
 * before the suite and removes it after; the suite calls it over HTTP with the Jersey client, raw
 * sockets and the Python reference client, as any outside caller would.
 *
 * <p>The server module's build says where things are, in system properties: {@code it.server.name},
 * {@code it.server.http-port}, {@code it.server.tmp} (the server JVM's {@code java.io.tmpdir}),
 * {@code it.server.log}, and the keys files of the two WARs, {@code it.server.jaxrs-keys-file} (the
 * server's {@code hmac.keys.file}) and {@code it.server.servlet-keys-file} (named in the servlet
 * WAR's {@code web.xml}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class AppServerContract extends ContractSuite {
  /** The context root of the JAX-RS WAR. */
  public static final String JAXRS_WAR = "hmac-jaxrs";

  /** The context root of the servlet WAR. */
  public static final String SERVLET_WAR = "hmac-servlet";

  private final String contextRoot;
  private final Path keysFile;

  AppServerContract(String contextRoot, Path keysFile) {
    this.contextRoot = contextRoot;
    this.keysFile = keysFile;
  }

  static Path jaxrsKeysFile() {
    return Path.of(requiredProperty("it.server.jaxrs-keys-file"));
  }

  static Path servletKeysFile() {
    return Path.of(requiredProperty("it.server.servlet-keys-file"));
  }

  /** Known before the server starts, so that its log is kept even if it never does. */
  @Override
  protected Path logFile() {
    return Path.of(requiredProperty("it.server.log"));
  }

  @Override
  protected ServerUnderTest serverUnderTest() {
    String name = requiredProperty("it.server.name") + ", " + contextRoot + ".war";
    URI baseUri =
        URI.create(
            "http://127.0.0.1:"
                + requiredProperty("it.server.http-port")
                + "/"
                + contextRoot
                + "/");
    return new ServerUnderTest(
        name, baseUri, keysFile, Path.of(requiredProperty("it.server.tmp")), logFile(), () -> {});
  }

  @Override
  protected String clientRuntime() {
    return "jersey";
  }
}
