package dev.hmacsigned.it;

import dev.hmacsigned.core.HmacConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Open Liberty, run as a user runs it: a server of its own ({@code server.xml}, {@code
 * jvm.options}, the WARs in {@code dropins/}) in the runtime the build unpacked from Maven Central
 * ({@code io.openliberty:openliberty-runtime}, named in {@code it.liberty.home}), started in the
 * foreground with {@code bin/server run} ({@link ServerJvm}: its output is the log, SIGTERM stops
 * it). It listens on a free port of 127.0.0.1, HTTP only; the JVM options are the contract's
 * settings ({@link ServerJvm#javaCommand()}).
 */
final class OpenLiberty {
  /** The JAX-RS WAR's settings: the WAR's MicroProfile Config, as on the other servers. */
  private static final Map<String, String> MICROPROFILE_CONFIG =
      Map.of(
          HmacConfig.MAX_BODY_BYTES,
          Long.toString(ContractSuite.MAX_BODY_BYTES),
          HmacConfig.REPLAY_STORE,
          ContractSuite.REPLAY_STORE);

  /**
   * The features a user of the library needs (Jakarta REST 3.1 with JSON-B, CDI, Servlet 6.0,
   * MicroProfile Config), the port, and the library's INFO lines on the console, which is the log
   * the suite reads.
   */
  private static final String SERVER_XML =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <server description="hmac-signed contract suite">
        <featureManager>
          <feature>restfulWS-3.1</feature>
          <feature>jsonb-3.0</feature>
          <feature>cdi-4.0</feature>
          <feature>servlet-6.0</feature>
          <feature>mpConfig-3.1</feature>
      %s  </featureManager>
        <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="%d" httpsPort="-1"/>
        <logging consoleLogLevel="INFO" consoleFormat="simple"/>
        <applicationMonitor updateTrigger="disabled"/>
      </server>
      """;

  private OpenLiberty() {}

  /**
   * The server's name in reports and allow-lists.
   *
   * @param war the WAR's context root
   * @return for example {@code Open Liberty 26.0.0.3, hmac-jaxrs.war}
   */
  static String name(String war) {
    return "Open Liberty "
        + ContractSuite.requiredProperty("it.liberty.version")
        + ", "
        + war
        + ".war";
  }

  /**
   * The JAX-RS WAR as a user would deploy it on Liberty: nothing of RESTEasy configured.
   *
   * @return the WAR
   */
  static WebArchive jaxrsWar() {
    return ContractWars.jaxrs("hmac-jaxrs", MICROPROFILE_CONFIG, Map.of());
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
   * Makes a Liberty server of the run (named after its directory), puts the WARs in its {@code
   * dropins}, starts it and waits until {@code health} of every WAR answers.
   *
   * @param jvm the prepared run
   * @param name the server's name, for {@link ServerUnderTest#name}
   * @param wars the WARs, the first one the server under test
   * @return the server; closing it stops Liberty
   * @throws IOException if it does not start
   * @throws InterruptedException if interrupted while waiting
   */
  static ServerUnderTest start(ServerJvm jvm, String name, WebArchive... wars)
      throws IOException, InterruptedException {
    return start(jvm, name, List.of(), wars);
  }

  /**
   * As {@link #start(ServerJvm, String, WebArchive...)}, with features beyond the JAX-RS WAR's.
   *
   * @param jvm the prepared run
   * @param name the server's name, for {@link ServerUnderTest#name}
   * @param extraFeatures further features of {@code server.xml}, such as {@code appSecurity-5.0}
   * @param wars the WARs, the first one the server under test
   * @return the server; closing it stops Liberty
   * @throws IOException if it does not start
   * @throws InterruptedException if interrupted while waiting
   */
  static ServerUnderTest start(
      ServerJvm jvm, String name, List<String> extraFeatures, WebArchive... wars)
      throws IOException, InterruptedException {
    Path wlp = Path.of(ContractSuite.requiredProperty("it.liberty.home"));
    String serverName = jvm.work().getFileName().toString();
    Path serverDir = Files.createDirectories(wlp.resolve("usr/servers").resolve(serverName));
    String features =
        extraFeatures.stream()
            .map(feature -> "    <feature>" + feature + "</feature>\n")
            .collect(Collectors.joining());
    Files.writeString(serverDir.resolve("server.xml"), SERVER_XML.formatted(features, jvm.port()));
    List<String> javaCommand = jvm.javaCommand();
    Files.write(serverDir.resolve("jvm.options"), javaCommand.subList(1, javaCommand.size()));
    Path dropins = Files.createDirectories(serverDir.resolve("dropins"));
    for (WebArchive war : wars) {
      // written beside, then moved in whole: Liberty must never see half a WAR
      Path file = jvm.work().resolve(war.getName());
      war.as(ZipExporter.class).exportTo(file.toFile(), true);
      Files.move(file, dropins.resolve(war.getName()));
    }
    String contextRoot = contextRoot(wars[0]);
    ServerUnderTest started =
        jvm.start(
            List.of("sh", wlp.resolve("bin/server").toString(), "run", serverName),
            "/" + contextRoot + "/");
    for (WebArchive war : List.of(wars).subList(1, wars.length)) {
      awaitHealth(
          URI.create("http://127.0.0.1:" + jvm.port() + "/" + contextRoot(war) + "/health"));
    }
    return new ServerUnderTest(
        name,
        started.baseUri(),
        started.keysFile(),
        started.tempDirectory(),
        started.log(),
        started);
  }

  private static String contextRoot(WebArchive war) {
    return war.getName().replaceFirst("\\.war$", "");
  }

  /** Liberty starts the applications of {@code dropins} one after the other. */
  private static void awaitHealth(URI health) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build();
    Instant deadline = Instant.now().plusSeconds(120);
    while (true) {
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not deployed yet
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IOException(health + " did not answer 200 in time");
      }
      Thread.sleep(200);
    }
  }
}
