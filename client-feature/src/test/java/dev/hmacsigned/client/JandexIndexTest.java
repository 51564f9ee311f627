package dev.hmacsigned.client;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Feature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexReader;
import org.jboss.jandex.IndexView;
import org.junit.jupiter.api.Test;

/**
 * The jar carries a Jandex index, so that Quarkus indexes it without {@code
 * quarkus.index-dependency} (its REST client registers {@code @RegisterProvider} classes as beans).
 */
class JandexIndexTest {
  @Test
  void jandexIndex_isFormat11_andHoldsTheFeature() throws IOException {
    IndexReader reader;
    IndexView index;
    try (InputStream in =
        Files.newInputStream(Path.of("target", "classes", "META-INF", "jandex.idx"))) {
      reader = new IndexReader(in);
      index = reader.read();
    }

    assertThat(reader.getIndexVersion()).isEqualTo(11);
    assertThat(index.getAllKnownImplementations(DotName.createSimple(Feature.class)))
        .extracting(ClassInfo::name)
        .containsExactly(DotName.createSimple(HmacClientFeature.class));
  }
}
