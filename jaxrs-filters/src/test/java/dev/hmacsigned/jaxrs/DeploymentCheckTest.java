package dev.hmacsigned.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.KeySource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's {@code ServletContainerInitializer} in a real servlet container: Tomcat deploys a WAR
 * directory whose {@code WEB-INF/lib} holds this library's jar, finds the initializer through its
 * {@code META-INF/services} entry and hands it the {@code @HmacSigned} classes and {@code
 * Application} subclasses it scanned, as every application server does. An application that lists
 * its classes and leaves the feature out fails to deploy; every way of having the feature, or of
 * not needing it, deploys.
 */
class DeploymentCheckTest {
  @TempDir java.nio.file.Path work;

  @Path("orders")
  @HmacSigned
  public static class Orders {
    @GET
    public String list() {
      return "orders";
    }
  }

  /** {@code @HmacSigned} on a method only. */
  @Path("mixed")
  public static class Mixed {
    @GET
    @HmacSigned
    public String signed() {
      return "signed";
    }
  }

  @Path("health")
  public static class Health {
    @GET
    public String health() {
      return "up";
    }
  }

  @ApplicationPath("/api")
  public static class WithoutFeature extends Application {
    @Override
    public Set<Class<?>> getClasses() {
      return Set.of(Orders.class, Health.class);
    }
  }

  @ApplicationPath("/api")
  public static class MethodSignedWithoutFeature extends Application {
    @Override
    public Set<Class<?>> getClasses() {
      return Set.of(Mixed.class);
    }
  }

  @ApplicationPath("/api")
  public static class WithFeatureClass extends Application {
    @Override
    public Set<Class<?>> getClasses() {
      return Set.of(Orders.class, HmacServerFeature.class);
    }
  }

  @ApplicationPath("/api")
  public static class WithFeatureInstance extends Application {
    @Override
    public Set<Class<?>> getClasses() {
      return Set.of(Orders.class);
    }

    @Override
    public Set<Object> getSingletons() {
      return Set.of(HmacServerFeature.builder().keySource(KeySource.of(KeyRing.empty())).build());
    }
  }

  @ApplicationPath("/api")
  public static class Scanning extends Application {}

  @ApplicationPath("/api")
  public static class UnsignedOnly extends Application {
    @Override
    public Set<Class<?>> getClasses() {
      return Set.of(Health.class);
    }
  }

  @ApplicationPath("/api")
  public static class FeatureByProperty extends Application {
    @Override
    public Set<Class<?>> getClasses() {
      return Set.of(Orders.class);
    }

    @Override
    public Map<String, Object> getProperties() {
      return Map.of("jersey.config.server.provider.classnames", HmacServerFeature.class.getName());
    }
  }

  /** A feature of the application's own, which might register HmacServerFeature. */
  public static class OwnFeature implements Feature {
    @Override
    public boolean configure(FeatureContext context) {
      context.register(HmacServerFeature.class);
      return true;
    }
  }

  @ApplicationPath("/api")
  public static class WithOwnFeature extends Application {
    @Override
    public Set<Class<?>> getClasses() {
      return Set.of(Orders.class, OwnFeature.class);
    }
  }

  /** No {@code @ApplicationPath}: deployed only if {@code web.xml} names it. */
  public static class NamedInWebXml extends Application {
    @Override
    public Set<Class<?>> getClasses() {
      return Set.of(Orders.class);
    }
  }

  @Test
  void applicationListsSignedResourcesWithoutTheFeature_deploymentFails_withTheFix()
      throws Exception {
    List<String> severe = new CopyOnWriteArrayList<>();
    Deployment deployment = deploy(severe, null, WithoutFeature.class, Orders.class, Health.class);

    assertThat(deployment.state().isAvailable()).isFalse();
    assertThat(severe).hasSize(1);
    assertThat(severe.get(0))
        .contains(WithoutFeature.class.getName())
        .contains("Add HmacServerFeature.class to its getClasses()");
  }

  @Test
  void methodLevelHmacSigned_withoutTheFeature_deploymentFails() throws Exception {
    Deployment deployment =
        deploy(new CopyOnWriteArrayList<>(), null, MethodSignedWithoutFeature.class, Mixed.class);

    assertThat(deployment.state().isAvailable()).isFalse();
  }

  @Test
  void applicationNamedByAServletOfWebXml_isChecked() throws Exception {
    String webXml =
        """
        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
          <servlet><servlet-name>%s</servlet-name></servlet>
        </web-app>
        """
            .formatted(NamedInWebXml.class.getName());

    assertThat(
            deploy(new CopyOnWriteArrayList<>(), webXml, NamedInWebXml.class, Orders.class)
                .state()
                .isAvailable())
        .isFalse();
    assertThat(
            deploy(new CopyOnWriteArrayList<>(), null, NamedInWebXml.class, Orders.class)
                .state()
                .isAvailable())
        .as("an Application that nothing deploys")
        .isTrue();
  }

  @Test
  void everyWayOfHavingOrNotNeedingTheFeature_deploys() throws Exception {
    for (Class<?> application :
        List.of(
            WithFeatureClass.class,
            WithFeatureInstance.class,
            Scanning.class,
            UnsignedOnly.class,
            FeatureByProperty.class,
            WithOwnFeature.class)) {
      List<String> severe = new CopyOnWriteArrayList<>();
      Deployment deployment =
          deploy(severe, null, application, Orders.class, Health.class, OwnFeature.class);

      assertThat(deployment.state().isAvailable()).as(application.getSimpleName()).isTrue();
      assertThat(severe).as(application.getSimpleName()).isEmpty();
    }
  }

  private record Deployment(LifecycleState state) {}

  /**
   * Deploys a WAR directory on Tomcat: {@code WEB-INF/lib} holds the library's jar as the build
   * made it, {@code WEB-INF/classes} these classes, and the application's {@code web.xml} if any.
   * Returns the context's state once Tomcat has started it, and stops Tomcat.
   */
  private Deployment deploy(List<String> severe, @Nullable String webXml, Class<?>... classes)
      throws Exception {
    java.nio.file.Path war = Files.createTempDirectory(work, "war");
    java.nio.file.Path lib = Files.createDirectories(war.resolve("WEB-INF/lib"));
    jar(java.nio.file.Path.of("target", "classes"), lib.resolve("hmac-signed-jaxrs-filters.jar"));
    for (Class<?> type : classes) {
      String file = type.getName().replace('.', '/') + ".class";
      java.nio.file.Path target = war.resolve("WEB-INF/classes").resolve(file);
      Files.createDirectories(target.getParent());
      Files.copy(java.nio.file.Path.of("target", "test-classes").resolve(file), target);
    }
    if (webXml != null) {
      Files.writeString(war.resolve("WEB-INF/web.xml"), webXml, StandardCharsets.UTF_8);
    }
    Handler handler = capture(severe);
    Logger logger = Logger.getLogger("dev.hmacsigned");
    logger.addHandler(handler);
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory(work, "tomcat").toString());
    tomcat.setAddDefaultWebXmlToWebapp(false);
    try {
      Context context =
          tomcat.addWebapp(tomcat.getHost(), "/app", war.toString(), new ContextConfig());
      StandardJarScanner scanner = new StandardJarScanner();
      scanner.setScanClassPath(false); // the WAR's own jars, not the test's class path
      context.setJarScanner(scanner);
      tomcat.start();
      return new Deployment(context.getState());
    } finally {
      tomcat.stop();
      tomcat.destroy();
      logger.removeHandler(handler);
    }
  }

  private static void jar(java.nio.file.Path classes, java.nio.file.Path jar) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<java.nio.file.Path> all = Files.walk(classes)) {
      for (java.nio.file.Path path :
          (Iterable<java.nio.file.Path>) all.filter(Files::isRegularFile).sorted()::iterator) {
        String name = classes.relativize(path).toString().replace('\\', '/');
        if (name.equals("module-info.class")) {
          continue;
        }
        out.putNextEntry(new JarEntry(name));
        Files.copy(path, out);
        out.closeEntry();
      }
    }
  }

  private static Handler capture(List<String> severe) {
    return new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.SEVERE.intValue()
            && record.getLoggerName().startsWith("dev.hmacsigned")) {
          severe.add(new SimpleFormatter().formatMessage(record));
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }
}
