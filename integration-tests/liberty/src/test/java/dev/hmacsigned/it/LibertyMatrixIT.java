package dev.hmacsigned.it;

import dev.hmacsigned.it.matrix.AppServerTargets;
import dev.hmacsigned.it.matrix.MatrixResult;
import dev.hmacsigned.it.matrix.MatrixRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;

/**
 * The compatibility matrix on Open Liberty: every client sends the accepted corpus to the JAX-RS
 * WAR (RESTEasy) and to the servlet WAR, both deployed in one Open Liberty, then the tamper corpus.
 * Open Liberty's HTTP listener serves h2c on its plain HTTP port (upgrade and prior knowledge).
 */
class LibertyMatrixIT {
  private static final String ENCODED_SLASH =
      "Open Liberty's web container refuses %2F in a path with 400 before any filter (CWWWC0005I),"
          + " on an error page that shows the exception unless the application has a default"
          + " error page";

  @Test
  void matrix_everyClientOnBothWars_acceptsTheCorpusAndRejectsTampering() throws Exception {
    ServerJvm jvm = ServerJvm.prepare("liberty-matrix");
    String name = "Open Liberty " + ContractSuite.requiredProperty("it.liberty.version");
    Path reports = Path.of(ContractSuite.requiredProperty("it.reports.dir"));
    ServerUnderTest server =
        OpenLiberty.start(jvm, name, OpenLiberty.jaxrsWar(), OpenLiberty.servletWar(jvm));
    try {
      MatrixResult result =
          MatrixRun.run(
              server.name(),
              AppServerTargets.of("liberty", jvm.port(), true).stream()
                  .map(t -> t.refuses("get-path-encoded-slash", 400, ENCODED_SLASH))
                  .toList(),
              Path.of(ContractSuite.requiredProperty("it.repo-root")),
              reports.getParent());
      result.assertNoFailure();
    } finally {
      server.close();
      Files.createDirectories(reports);
      Files.copy(
          server.log(),
          reports.resolve(getClass().getSimpleName() + "-server.log"),
          StandardCopyOption.REPLACE_EXISTING);
    }
    ServerLogContract.assertNoSecretIn(server.log());
  }
}
