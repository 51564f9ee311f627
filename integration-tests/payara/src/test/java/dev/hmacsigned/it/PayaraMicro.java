package dev.hmacsigned.it;

import dev.hmacsigned.core.HmacConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Payara Micro, run as a user runs it: {@code java -jar payara-micro.jar --deploy <war>}, in a JVM
 * of its own ({@link ServerJvm}) with the contract's settings as system properties, on a free port,
 * with clustering off ({@code --nocluster}: no Hazelcast, no multicast, no port 6900) and its
 * runtime directory inside the run's directory. The build copies the jar from Maven Central ({@code
 * fish.payara.extras:payara-micro}) and names it in {@code it.payara.jar}.
 */
final class PayaraMicro {
  /** Where the JAX-RS WAR's settings come from: the WAR's MicroProfile Config, as on GlassFish. */
  private static final Map<String, String> MICROPROFILE_CONFIG =
      Map.of(
          HmacConfig.MAX_BODY_BYTES,
          Long.toString(ContractSuite.MAX_BODY_BYTES),
          HmacConfig.REPLAY_STORE,
          ContractSuite.REPLAY_STORE);

  private PayaraMicro() {}

  /**
   * The server's name in reports and allow-lists.
   *
   * @param war the WAR's context root
   * @return for example {@code Payara Micro 6.2025.10, hmac-jaxrs.war}
   */
  static String name(String war) {
    return "Payara Micro "
        + ContractSuite.requiredProperty("it.payara.version")
        + ", "
        + war
        + ".war";
  }

  /**
   * Payara's own switch for its {@code @RolesAllowed} support in Jersey applications ({@code
   * payara-web-app_4.dtd}).
   */
  static final String PAYARA_WEB_XML =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <!DOCTYPE payara-web-app PUBLIC "-//Payara.fish//DTD Payara Server 4 Servlet 3.0//EN" \
      "https://docs.payara.fish/schemas/payara-web-app_4.dtd">
      <payara-web-app>
        <jaxrs-roles-allowed-enabled>false</jaxrs-roles-allowed-enabled>
      </payara-web-app>
      """;

  /**
   * The JAX-RS WAR as the README tells Payara users to deploy it. Payara's MicroProfile JWT module
   * adds its {@code RolesAllowedRequestFilter} to every Jersey application (a {@code
   * ForcedAutoDiscoverable}, which {@code jersey.config.disableMetainfServicesLookup} does not turn
   * off): it answers 401 on a {@code @RolesAllowed} method to every caller not logged in through
   * Jakarta Security, HMAC callers with the right role included (observed on 6.2025.10). {@code
   * WEB-INF/payara-web.xml} turns it off; the library's filter enforces {@code @RolesAllowed}
   * itself.
   *
   * @return the WAR
   */
  static WebArchive jaxrsWar() {
    return ContractWars.jaxrs("hmac-jaxrs", MICROPROFILE_CONFIG, Map.of())
        .addAsWebInfResource(new StringAsset(PAYARA_WEB_XML), "payara-web.xml");
  }

  /**
   * The servlet WAR, its {@code web.xml} naming the run's keys file.
   *
   * @param jvm the run
   * @return the WAR
   */
  static WebArchive servletWar(ServerJvm jvm) {
    return ContractWars.servlet("hmac-servlet", jvm.keysFile());
  }

  /**
   * Writes the WARs into the run's directory, starts Payara Micro with them deployed, and waits
   * until {@code health} of the first answers.
   *
   * @param jvm the prepared run
   * @param name the server's name, for {@link ServerUnderTest#name}
   * @param wars the WARs, the first one the server under test
   * @return the server; closing it stops Payara Micro
   * @throws IOException if it does not start
   * @throws InterruptedException if interrupted while waiting
   */
  static ServerUnderTest start(ServerJvm jvm, String name, WebArchive... wars)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(jvm.javaCommand());
    command.add("-jar");
    command.add(ContractSuite.requiredProperty("it.payara.jar"));
    command.add("--nocluster");
    command.add("--port");
    command.add(Integer.toString(jvm.port()));
    command.add("--rootdir");
    command.add(jvm.work().resolve("payara-root").toString());
    for (WebArchive war : wars) {
      Path file = jvm.work().resolve(war.getName());
      war.as(ZipExporter.class).exportTo(file.toFile(), true);
      command.add("--deploy");
      command.add(file.toString());
    }
    String contextRoot = wars[0].getName().replaceFirst("\\.war$", "");
    ServerUnderTest started = jvm.start(command, "/" + contextRoot + "/");
    return new ServerUnderTest(
        name,
        started.baseUri(),
        started.keysFile(),
        started.tempDirectory(),
        started.log(),
        started);
  }
}
