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
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The compatibility matrix on WildFly: every client sends the accepted corpus to the JAX-RS WAR
 * (RESTEasy) and to the servlet WAR, both deployed at once, then the tamper corpus. WildFly's
 * default HTTP listener has {@code enable-http2="true"}, which serves h2c on the plain HTTP port.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class WildflyMatrixIT {
  /**
   * The JAX-RS WAR, as {@link WildflyJaxrsIT} deploys it, but for RESTEasy's PATCH filter. On
   * WildFly that filter takes over every PATCH with a JSON Patch or JSON Merge Patch body (after
   * the HMAC filter has verified it): it calls the resource's {@code @GET} method, patches what it
   * returns, and calls {@code @PUT}. The echo endpoint must see the PATCH as sent, so the WAR turns
   * the filter off ({@code resteasy.patchfilter.disabled}).
   *
   * @return the WAR
   * @throws IOException if the keys file cannot be written
   */
  @Deployment(name = "jaxrs", order = 1, testable = false)
  public static WebArchive jaxrs() throws IOException {
    // RESTEasy reads it from the context parameters (its ListenerBootstrap), not the servlet's.
    return JaxrsWarContract.war(Map.of())
        .setWebXML(
            new StringAsset(
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <context-param>
                    <param-name>resteasy.patchfilter.disabled</param-name>
                    <param-value>true</param-value>
                  </context-param>
                </web-app>
                """));
  }

  /**
   * The servlet WAR, as {@link WildflyServletIT} deploys it.
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
    List<Target> targets = AppServerTargets.of("wildfly", port, true);
    MatrixResult result =
        MatrixRun.run(
            ContractSuite.requiredProperty("it.server.name"),
            targets,
            Path.of(ContractSuite.requiredProperty("it.repo-root")),
            Path.of(ContractSuite.requiredProperty("it.reports.dir")).getParent());
    result.assertNoFailure();
  }
}
