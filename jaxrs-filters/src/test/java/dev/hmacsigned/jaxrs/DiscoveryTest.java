package dev.hmacsigned.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.glassfish.jersey.model.internal.CommonConfig;
import org.glassfish.jersey.model.internal.ComponentBag;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexReader;
import org.jboss.jandex.IndexView;
import org.junit.jupiter.api.Test;

/**
 * What the jar carries for runtimes that find providers without code: the Jandex index Quarkus
 * reads, and the {@code annotated} bean archive Helidon MP reads.
 */
class DiscoveryTest {
  /** The build's output directory: what the jar holds. */
  private static final Path CLASSES = Path.of("target", "classes");

  @Test
  void jandexIndex_isFormat11_andFindsTheFeatureAsAProvider() throws IOException {
    IndexReader reader;
    IndexView index;
    try (InputStream in = Files.newInputStream(CLASSES.resolve("META-INF/jandex.idx"))) {
      reader = new IndexReader(in);
      index = reader.read();
    }

    // Format 11: Jandex 3.0 and later read it (Quarkus before 3.12 reads nothing newer).
    assertThat(reader.getIndexVersion()).isEqualTo(11);
    // quarkus-rest takes Features from the index: known implementors of Feature with @Provider.
    assertThat(index.getAllKnownImplementations(DotName.createSimple(Feature.class)))
        .extracting(ClassInfo::name)
        .containsExactly(DotName.createSimple(HmacServerFeature.class));
    assertThat(index.getClassByName(HmacServerFeature.class).hasDeclaredAnnotation(Provider.class))
        .isTrue();
    // Name bindings are matched at build time from the index: @HmacSigned must be in it.
    assertThat(index.getClassByName(HmacSigned.class)).isNotNull();
  }

  @Test
  void beansXml_annotatedDiscovery_makesBeansOfTheFeatureAndTheInterceptorOnly()
      throws IOException {
    String beansXml =
        Files.readString(CLASSES.resolve("META-INF/beans.xml"), StandardCharsets.UTF_8);
    assertThat(beansXml).contains("bean-discovery-mode=\"annotated\"");

    // In an "annotated" archive, only classes with a bean-defining annotation become beans.
    IndexView index;
    try (InputStream in = Files.newInputStream(CLASSES.resolve("META-INF/jandex.idx"))) {
      index = new IndexReader(in).read();
    }
    Set<String> beans = new TreeSet<>();
    for (ClassInfo type : index.getKnownClasses()) {
      for (String defining : BEAN_DEFINING) {
        if (type.hasDeclaredAnnotation(DotName.createSimple(defining))) {
          beans.add(type.name().toString());
        }
      }
    }
    assertThat(beans)
        .containsExactly(HmacServerFeature.class.getName(), HmacSignedInterceptor.class.getName());
    assertThat(HmacServerFeature.class.isAnnotationPresent(Dependent.class)).isTrue();
    // ArC (Quarkus) reads interceptor bindings from the index.
    assertThat(
            index
                .getClassByName(HmacSigned.class)
                .hasDeclaredAnnotation(
                    DotName.createSimple("jakarta.interceptor.InterceptorBinding")))
        .isTrue();
  }

  private static final List<String> BEAN_DEFINING =
      List.of(
          "jakarta.enterprise.context.Dependent",
          "jakarta.enterprise.context.ApplicationScoped",
          "jakarta.enterprise.context.RequestScoped",
          "jakarta.enterprise.context.SessionScoped",
          "jakarta.enterprise.context.ConversationScoped",
          "jakarta.inject.Singleton",
          "jakarta.interceptor.Interceptor",
          "jakarta.decorator.Decorator",
          "jakarta.enterprise.inject.Stereotype");

  @Test
  void feature_onAClient_registersNothingAndReadsNoConfiguration() {
    // A client that finds the feature (autodiscovery, or a register by mistake) must not build a
    // verifier: there are no keys to read there. Without a keys file configured, building one
    // would throw.
    assertThat(HmacServerFeature.class.getAnnotation(ConstrainedTo.class).value())
        .isEqualTo(RuntimeType.SERVER);
    CommonConfig client = new CommonConfig(RuntimeType.CLIENT, ComponentBag.INCLUDE_ALL);

    assertThat(new HmacServerFeature().configure(client)).isFalse();
    assertThat(client.getClasses()).isEmpty();
    assertThat(client.getInstances()).isEmpty();
  }
}
