package dev.hmacsigned.it;

import dev.hmacsigned.it.matrix.AppServerTargets;
import dev.hmacsigned.it.matrix.MatrixResult;
import dev.hmacsigned.it.matrix.MatrixRun;
import dev.hmacsigned.it.matrix.Target;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The compatibility matrix on GlassFish: every client sends the accepted corpus to the JAX-RS WAR
 * (Jersey) and to the servlet WAR, both deployed at once, then the tamper corpus. GlassFish's
 * default HTTP listener serves h2c on its plain HTTP port (upgrade and prior knowledge).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class GlassfishMatrixIT {
  private static final String COLON =
      "GlassFish 7.0.21's authorization check (Exousia's URLPatternSpec) fails on a ':' in a path"
          + " and answers 503 before the application runs (eclipse-ee4j/glassfish#25749, fixed by"
          + " Exousia 3.0.1)";

  /**
   * The JAX-RS WAR, as {@link GlassfishJaxrsIT} deploys it (GlassFish's own {@code
   * RolesAllowedDynamicFeature} turned off, as the README says).
   *
   * @return the WAR
   * @throws IOException if the keys file cannot be written
   */
  @Deployment(name = "jaxrs", order = 1, testable = false)
  public static WebArchive jaxrs() throws IOException {
    return JaxrsWarContract.war(Map.of("jersey.config.disableMetainfServicesLookup", "true"));
  }

  /**
   * The servlet WAR, as {@link GlassfishServletIT} deploys it.
   *
   * @return the WAR
   * @throws IOException if the keys file cannot be written
   */
  @Deployment(name = "servlet", order = 2, testable = false)
  public static WebArchive servlet() throws IOException {
    return ServletWarContract.war();
  }

  @Test
  void matrix_everyClientOnBothWars_acceptsTheCorpusAndRejectsTampering() throws Exception {
    int port = Integer.parseInt(ContractSuite.requiredProperty("it.server.http-port"));
    List<Target> targets =
        AppServerTargets.of("glassfish", port, true).stream()
            .map(t -> t.refuses("get-path-colon", 503, COLON))
            .toList();
    MatrixResult result =
        MatrixRun.run(
            ContractSuite.requiredProperty("it.server.name"),
            targets,
            Path.of(ContractSuite.requiredProperty("it.repo-root")),
            Path.of(ContractSuite.requiredProperty("it.reports.dir")).getParent());
    result.assertNoFailure();
  }
}
