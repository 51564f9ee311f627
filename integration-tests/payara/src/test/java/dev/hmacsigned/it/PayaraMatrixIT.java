package dev.hmacsigned.it;

import dev.hmacsigned.it.matrix.AppServerTargets;
import dev.hmacsigned.it.matrix.MatrixResult;
import dev.hmacsigned.it.matrix.MatrixRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;

/**
 * The compatibility matrix on Payara Micro: every client sends the accepted corpus to the JAX-RS
 * WAR (Jersey) and to the servlet WAR, both deployed in one Payara Micro, then the tamper corpus.
 * Payara Micro's HTTP listener serves h2c on its plain HTTP port (upgrade and prior knowledge).
 */
class PayaraMatrixIT {
  @Test
  void matrix_everyClientOnBothWars_acceptsTheCorpusAndRejectsTampering() throws Exception {
    ServerJvm jvm = ServerJvm.prepare("payara-matrix");
    String name = "Payara Micro " + ContractSuite.requiredProperty("it.payara.version");
    Path reports = Path.of(ContractSuite.requiredProperty("it.reports.dir"));
    ServerUnderTest server =
        PayaraMicro.start(jvm, name, PayaraMicro.jaxrsWar(), PayaraMicro.servletWar(jvm));
    try {
      MatrixResult result =
          MatrixRun.run(
              server.name(),
              AppServerTargets.of("payara", jvm.port(), true),
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
