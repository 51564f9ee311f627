package dev.hmacsigned.it;

import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.it.app.HealthServlet;
import dev.hmacsigned.it.security.CallerBean;
import dev.hmacsigned.it.security.CallerEjb;
import dev.hmacsigned.it.security.CallerReport;
import dev.hmacsigned.it.security.CallerResource;
import dev.hmacsigned.it.security.CallerServlet;
import dev.hmacsigned.it.security.EjbAccessMapper;
import dev.hmacsigned.it.security.SecurityApplication;
import dev.hmacsigned.jaxrs.HmacServerFeature;
import dev.hmacsigned.security.HmacAuthenticationMechanism;
import dev.hmacsigned.servlet.HmacServletFilter;
import java.nio.file.Path;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The Jakarta Security WAR, as a user would build it: the library's jars with {@code
 * hmac-signed-jakarta-security}, whose {@link HmacAuthenticationMechanism} is the WAR's only
 * authentication mechanism; a JAX-RS application, a servlet behind a {@code <security-constraint>},
 * an EJB and a CDI bean ({@code dev.hmacsigned.it.security}). The mechanism reads its keys file and
 * body limit from the WAR's context parameters.
 */
public final class SecurityWars {
  /** The context root of the Jakarta Security WAR. */
  public static final String SECURITY_WAR = "hmac-security";

  /** The mechanism's {@code hmac.max-body-bytes}, from the WAR's {@code web.xml}. */
  public static final long MAX_BODY_BYTES = 64 * 1024;

  private SecurityWars() {}

  /**
   * The WAR.
   *
   * @param keysFile the keys file named in its {@code web.xml}
   * @return the WAR
   */
  public static WebArchive security(Path keysFile) {
    WebArchive war =
        ShrinkWrap.create(WebArchive.class, SECURITY_WAR + ".war")
            .addClasses(SecurityApplication.class, CallerResource.class, EjbAccessMapper.class)
            .addClasses(CallerServlet.class, CallerEjb.class, CallerBean.class, CallerReport.class)
            .addClasses(HealthServlet.class)
            .addAsLibraries(
                ContractWars.libraryJar(HmacVerifier.class),
                ContractWars.libraryJar(HmacServletFilter.class),
                ContractWars.libraryJar(HmacServerFeature.class),
                ContractWars.libraryJar(HmacAuthenticationMechanism.class))
            .addAsWebInfResource(
                new StringAsset(
                    """
                <?xml version="1.0" encoding="UTF-8"?>
                <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0"
                       bean-discovery-mode="annotated"/>
                """),
                "beans.xml")
            .setWebXML(new StringAsset(webXml(keysFile)));
    // The contract's replay store, which a server's hmac.replay.store may name (Liberty's does).
    return ContractWars.withReplayStore(war);
  }

  private static String webXml(Path keysFile) {
    return ContractWars.WEB_APP_START
        + contextParam(HmacConfig.KEYS_FILE, keysFile.toAbsolutePath().toString())
        + contextParam(HmacConfig.MAX_BODY_BYTES, Long.toString(MAX_BODY_BYTES))
        // RESTEasy (WildFly) checks @RolesAllowed on resources only when asked to
        + contextParam("resteasy.role.based.security", "true")
        + servlet("caller", CallerServlet.class, "/servlet/*")
        + servlet("health", HealthServlet.class, "/health/*")
        + """
          <security-constraint>
            <web-resource-collection>
              <web-resource-name>writers</web-resource-name>
              <url-pattern>/servlet/*</url-pattern>
            </web-resource-collection>
            <auth-constraint><role-name>orders.write</role-name></auth-constraint>
          </security-constraint>
          <security-role><role-name>orders.write</role-name></security-role>
          <security-role><role-name>admin</role-name></security-role>
        </web-app>
        """;
  }

  private static String contextParam(String name, String value) {
    return "  <context-param><param-name>%s</param-name><param-value>%s</param-value></context-param>\n"
        .formatted(name, value);
  }

  private static String servlet(String name, Class<?> type, String urlPattern) {
    return ("  <servlet><servlet-name>%1$s</servlet-name><servlet-class>%2$s</servlet-class></servlet>\n"
            + "  <servlet-mapping><servlet-name>%1$s</servlet-name><url-pattern>%3$s</url-pattern>"
            + "</servlet-mapping>\n")
        .formatted(name, type.getName(), urlPattern);
  }
}
