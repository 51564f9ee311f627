package dev.hmacsigned.it;

import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.ReplayStoreProvider;
import dev.hmacsigned.it.app.BodyDigest;
import dev.hmacsigned.it.app.ContractServlet;
import dev.hmacsigned.it.app.EchoReply;
import dev.hmacsigned.it.app.EchoResource;
import dev.hmacsigned.it.app.EchoServlet;
import dev.hmacsigned.it.app.HealthServlet;
import dev.hmacsigned.it.app.Order;
import dev.hmacsigned.it.app.OutageSimulatingReplayStore;
import dev.hmacsigned.it.app.SignedResource;
import dev.hmacsigned.it.app.UnsignedResource;
import dev.hmacsigned.it.app.WarApplication;
import dev.hmacsigned.jaxrs.HmacServerFeature;
import dev.hmacsigned.servlet.HmacServletFilter;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The contract application as the two WARs a user would deploy, built with ShrinkWrap. {@code
 * WEB-INF/lib} holds the library's own jars as the build made them, and nothing else: the server
 * brings Jakarta REST and Servlet.
 */
public final class ContractWars {
  private static final String SERVICES = "META-INF/services/" + ReplayStoreProvider.class.getName();

  static final String WEB_APP_START =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
               xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
               xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
               version="6.0">
      """;

  private ContractWars() {}

  /**
   * The JAX-RS WAR: {@code @HmacSigned} resources and an empty {@code Application}. Nothing
   * configures the library in code: it reads {@code hmac.*} from the server's system properties and
   * MicroProfile Config. The compatibility matrix's echo endpoint ({@link EchoResource}) is at
   * {@code <contextRoot>/api/m/...}.
   *
   * @param contextRoot the WAR's name, which is its context root
   * @param microProfileConfig entries of {@code META-INF/microprofile-config.properties}, for a
   *     server with MicroProfile Config; empty for none
   * @param runtimeParameters init parameters of the JAX-RS runtime's servlet, for a server that
   *     needs its runtime configured (then the WAR has a {@code web.xml}); empty for none
   * @return the WAR
   */
  public static WebArchive jaxrs(
      String contextRoot,
      Map<String, String> microProfileConfig,
      Map<String, String> runtimeParameters) {
    WebArchive war =
        ShrinkWrap.create(WebArchive.class, contextRoot + ".war")
            .addClasses(WarApplication.class, SignedResource.class, UnsignedResource.class)
            .addClasses(Order.class, BodyDigest.class)
            .addClasses(EchoResource.class, EchoReply.class)
            .addAsLibraries(libraryJar(HmacVerifier.class), libraryJar(HmacServerFeature.class));
    withReplayStore(war);
    if (!microProfileConfig.isEmpty()) {
      String properties =
          new TreeMap<>(microProfileConfig)
              .entrySet().stream()
                  .map(e -> e.getKey() + "=" + e.getValue() + "\n")
                  .collect(Collectors.joining());
      war.addAsResource(new StringAsset(properties), "META-INF/microprofile-config.properties");
    }
    if (!runtimeParameters.isEmpty()) {
      war.setWebXML(new StringAsset(applicationWebXml(runtimeParameters)));
    }
    return war;
  }

  /**
   * The servlet WAR: plain servlets behind {@code HmacServletFilter}, declared in {@code web.xml}
   * with init parameters of protocol §8. The compatibility matrix's echo endpoint ({@link
   * EchoServlet}) is at {@code <contextRoot>/m/...}, behind the same filter.
   *
   * @param contextRoot the WAR's name, which is its context root
   * @param keysFile the keys file named in {@code web.xml}
   * @return the WAR
   */
  public static WebArchive servlet(String contextRoot, Path keysFile) {
    WebArchive war =
        ShrinkWrap.create(WebArchive.class, contextRoot + ".war")
            .addClasses(ContractServlet.class, HealthServlet.class)
            .addClasses(BodyDigest.class)
            .addClasses(EchoServlet.class, EchoReply.class)
            .addAsLibraries(libraryJar(HmacVerifier.class), libraryJar(HmacServletFilter.class))
            .setWebXML(new StringAsset(webXml(keysFile)));
    return withReplayStore(war);
  }

  /** The replay store's provider, and the contract module's own services file that lists it. */
  static WebArchive withReplayStore(WebArchive war) {
    return war.addClass(OutageSimulatingReplayStore.class).addAsResource(SERVICES);
  }

  /**
   * Init parameters of the servlet the JAX-RS runtime makes for the application (JAX-RS §2.3.2).
   */
  private static String applicationWebXml(Map<String, String> parameters) {
    StringBuilder xml = new StringBuilder(WEB_APP_START);
    xml.append("  <servlet>\n    <servlet-name>")
        .append(WarApplication.class.getName())
        .append("</servlet-name>\n");
    new TreeMap<>(parameters)
        .forEach(
            (name, value) ->
                xml.append("    <init-param><param-name>")
                    .append(name)
                    .append("</param-name><param-value>")
                    .append(value)
                    .append("</param-value></init-param>\n"));
    return xml.append("  </servlet>\n</web-app>\n").toString();
  }

  private static String webXml(Path keysFile) {
    return WEB_APP_START
        + """
          <filter>
            <filter-name>hmac</filter-name>
            <filter-class>%s</filter-class>
            <async-supported>true</async-supported>
            <init-param><param-name>%s</param-name><param-value>%s</param-value></init-param>
            <init-param><param-name>%s</param-name><param-value>%d</param-value></init-param>
            <init-param><param-name>%s</param-name><param-value>%s</param-value></init-param>
          </filter>
          <filter-mapping>
            <filter-name>hmac</filter-name>
            <url-pattern>/api/*</url-pattern>
            <url-pattern>/m/*</url-pattern>
          </filter-mapping>
          <servlet>
            <servlet-name>api</servlet-name>
            <servlet-class>%s</servlet-class>
          </servlet>
          <servlet-mapping>
            <servlet-name>api</servlet-name>
            <url-pattern>/api/*</url-pattern>
          </servlet-mapping>
          <servlet>
            <servlet-name>echo</servlet-name>
            <servlet-class>%s</servlet-class>
          </servlet>
          <servlet-mapping>
            <servlet-name>echo</servlet-name>
            <url-pattern>/m/*</url-pattern>
          </servlet-mapping>
          <servlet>
            <servlet-name>health</servlet-name>
            <servlet-class>%s</servlet-class>
          </servlet>
          <servlet-mapping>
            <servlet-name>health</servlet-name>
            <url-pattern>/health/*</url-pattern>
          </servlet-mapping>
        </web-app>
        """
            .formatted(
                HmacServletFilter.class.getName(),
                HmacConfig.KEYS_FILE,
                keysFile.toAbsolutePath(),
                HmacConfig.MAX_BODY_BYTES,
                ContractSuite.MAX_BODY_BYTES,
                HmacConfig.REPLAY_STORE,
                ContractSuite.REPLAY_STORE,
                ContractServlet.class.getName(),
                EchoServlet.class.getName(),
                HealthServlet.class.getName());
  }

  /**
   * The jar a library class was loaded from: the module's built jar in a Maven build, or its
   * classes directory in an IDE.
   */
  static JavaArchive libraryJar(Class<?> libraryClass) {
    File location;
    try {
      location = new File(libraryClass.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    if (Files.isDirectory(location.toPath())) {
      String name = libraryClass.getPackageName().replace('.', '-') + ".jar";
      return ShrinkWrap.create(ExplodedImporter.class, name)
          .importDirectory(location)
          .as(JavaArchive.class);
    }
    return ShrinkWrap.createFromZipFile(JavaArchive.class, location);
  }
}
