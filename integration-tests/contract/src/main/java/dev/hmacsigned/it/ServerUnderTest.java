package dev.hmacsigned.it;

import java.net.URI;
import java.nio.file.Path;

/**
 * A server with the contract application deployed, as the {@link ContractSuite} sees it: where to
 * call it, and the files it shares with the test.
 *
 * @param name names the server in reports, for example {@code WildFly 39.0.1.Final, hmac-jaxrs.war}
 * @param baseUri the root of the application, ending in {@code /}: {@code api/…} and {@code health}
 *     are below it
 * @param keysFile the keys file the application reads; the suite rewrites it to rotate keys
 * @param tempDirectory the server JVM's {@code java.io.tmpdir}, where bodies over the memory
 *     threshold are spilled
 * @param log the server's log file
 * @param stop stops the server; does nothing where its life belongs to someone else
 */
public record ServerUnderTest(
    String name, URI baseUri, Path keysFile, Path tempDirectory, Path log, AutoCloseable stop)
    implements AutoCloseable {

  @Override
  public void close() throws Exception {
    stop.close();
  }
}
