package dev.hmacsigned.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.it.app.OutageSimulatingReplayStore;
import jakarta.ws.rs.client.ClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract every server and client must honour, written once: every concern of it, over one
 * {@link ContractFixture}. A subclass provides the server (started in-process, or a WAR deployed on
 * an application server); the client runtime is the one JAX-RS client on the test class path.
 *
 * <p>The concerns, each an interface of default test methods that can be read on its own:
 *
 * <ul>
 *   <li>{@link AcceptanceContract}: signed requests accepted, bodies received byte for byte;
 *   <li>{@link SecurityContextContract}: principal, roles, scheme, {@code isSecure};
 *   <li>{@link RejectionContract}: tampered, oversized and late requests, each with its code;
 *   <li>{@link ReplayContract}: replays, and a replay store that cannot answer;
 *   <li>{@link RotationContract}: the keys file rewritten while running, revoked and unknown keys;
 *   <li>{@link ServerLogContract}: rejections logged, secrets never;
 *   <li>{@link PythonClientContract}: the Python reference client as a caller;
 *   <li>{@link ConcurrencyContract}: 16 threads at once;
 *   <li>{@link AttackContract}: the attack suite of issue 11, over a hundred hostile requests on a
 *       raw socket, each with its documented answer.
 * </ul>
 *
 * <p>Every server under test is configured with the contract's keys file, {@link #MAX_BODY_BYTES}
 * and the {@link #REPLAY_STORE}, and serves the contract application: {@code api/…} signed, {@code
 * health} open.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ContractSuite
    implements AcceptanceContract,
        SecurityContextContract,
        RejectionContract,
        ReplayContract,
        RotationContract,
        ServerLogContract,
        PythonClientContract,
        ConcurrencyContract,
        AttackContract {
  /** The body limit every server under test is configured with ({@code hmac.max-body-bytes}). */
  public static final long MAX_BODY_BYTES = 24L * 1024 * 1024;

  /** The replay store every server under test is configured with ({@code hmac.replay.store}). */
  public static final String REPLAY_STORE = OutageSimulatingReplayStore.NAME;

  private ServerUnderTest server;
  private ContractFixture fixture;

  /**
   * Starts the server, or describes the one Arquillian started, with the contract's keys file
   * written ({@link ContractKeys#write}, {@link ContractKeys.Rotation#OLD_ONLY}).
   *
   * @return the server
   * @throws Exception if it cannot start
   */
  protected abstract ServerUnderTest serverUnderTest() throws Exception;

  /**
   * The class-name fragment of the client runtime this suite must run with.
   *
   * @return {@code jersey} or {@code resteasy}
   */
  protected abstract String clientRuntime();

  /**
   * The server's log file, also where the server never started: this is when it is needed most.
   *
   * @return the file, or {@code null} if there is none
   */
  protected Path logFile() {
    return server == null ? null : server.log();
  }

  /** Keeps the server's log beside the test reports, where CI collects them. */
  @RegisterExtension
  static final AfterAllCallback KEEP_SERVER_LOG =
      context -> {
        // An extension, not an @AfterAll method: it runs even when starting or deploying failed.
        if (context.getTestInstance().orElse(null) instanceof ContractSuite suite) {
          Path log = suite.logFile();
          if (log != null && Files.exists(log)) {
            Path reports =
                Files.createDirectories(Path.of(System.getProperty("it.reports.dir", "target")));
            Files.copy(
                log,
                reports.resolve(suite.getClass().getSimpleName() + "-server.log"),
                StandardCopyOption.REPLACE_EXISTING);
          }
        }
      };

  @Override
  public final ContractFixture fixture() {
    if (fixture == null) {
      throw new IllegalStateException("The server under test has not started (see @BeforeAll)");
    }
    return fixture;
  }

  @BeforeAll
  void connect() throws Exception {
    server = serverUnderTest();
    fixture = new ContractFixture(server, clientRuntime());
    assertThat(ClientBuilder.newBuilder().getClass().getName())
        .containsIgnoringCase(clientRuntime());
  }

  @AfterAll
  void disconnect() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
    if (server != null) {
      server.close();
      ServerLogContract.assertNoSecretIn(server.log());
    }
  }

  /**
   * A system property the module's build sets.
   *
   * @param name the property
   * @return its value
   */
  static String requiredProperty(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "System property " + name + " is not set: the module's build sets it");
    }
    return value;
  }
}
