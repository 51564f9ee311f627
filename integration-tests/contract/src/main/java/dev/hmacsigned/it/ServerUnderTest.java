package dev.hmacsigned.it;

import java.net.URI;
import java.nio.file.Path;

/**
 * A server with the contract application deployed, as the {@link ContractSuite} sees it: where to
 * call it, and the files it shares with the test (its keys file, its temporary directory, its log).
 */
public interface ServerUnderTest extends AutoCloseable {

  /**
   * Names the server in reports, for example {@code WildFly 39.0.1.Final, JAX-RS WAR}.
   *
   * @return the name
   */
  String name();

  /**
   * The root of the application, ending in {@code /}: {@code api/…} and {@code health} are below
   * it.
   *
   * @return for example {@code http://127.0.0.1:8180/hmac-jaxrs/}
   */
  URI baseUri();

  /**
   * The keys file the application reads; the suite rewrites it to rotate keys.
   *
   * @return the file
   */
  Path keysFile();

  /**
   * The server JVM's {@code java.io.tmpdir}, where bodies over the memory threshold are spilled.
   *
   * @return the directory
   */
  Path tempDirectory();

  /**
   * The server's log file.
   *
   * @return the file
   */
  Path log();

  /** Stops the server, or does nothing where its life belongs to someone else. */
  @Override
  default void close() throws Exception {}
}
