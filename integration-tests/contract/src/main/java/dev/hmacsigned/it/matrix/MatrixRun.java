package dev.hmacsigned.it.matrix;

import dev.hmacsigned.it.ContractKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * One run of the whole matrix as an integration test makes it: every client of {@link
 * MatrixClients}, the contract's keys ({@link ContractKeys#ORDERS}, {@link ContractKeys#ADMIN}),
 * the figure printed to the build log and written to {@code matrix.md} and {@code matrix.json}.
 *
 * <pre>{@code
 * MatrixResult result = MatrixRun.run("WildFly 39", targets, repoRoot, Path.of("target"));
 * result.assertNoFailure();
 * }</pre>
 */
public final class MatrixRun {
  /** The system property that limits a run to some clients, comma-separated, while working. */
  public static final String CLIENTS_PROPERTY = "it.matrix.clients";

  private MatrixRun() {}

  /**
   * Runs the matrix on targets whose keys files hold the contract's keys.
   *
   * @param title names the run
   * @param targets the servers
   * @param repoRoot the repository's root (the runtimes and reference clients are there)
   * @param output where {@code matrix.md}, {@code matrix.json} and the clients' logs go
   * @return the result, not yet checked
   * @throws Exception if a client could not run
   */
  public static MatrixResult run(String title, List<Target> targets, Path repoRoot, Path output)
      throws Exception {
    List<ClientDriver> clients = new ArrayList<>();
    try {
      clients.addAll(
          MatrixClients.standard(repoRoot, output.resolve("matrix-logs"), selectedClients()));
      MatrixResult result =
          CompatibilityMatrix.builder(title)
              .targets(targets)
              .clients(clients)
              .keys(ContractKeys.ORDERS, ContractKeys.ADMIN)
              .build()
              .run();
      MatrixReport.of(result).print(System.out).write(output);
      return result;
    } finally {
      for (ClientDriver c : clients) {
        c.close();
      }
    }
  }

  private static Collection<String> selectedClients() {
    String value = System.getProperty(CLIENTS_PROPERTY, "").strip();
    return value.isEmpty()
        ? List.of()
        : Arrays.stream(value.split(",")).map(String::strip).toList();
  }
}
