package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Fuzz target for {@code Content-Digest} parsing ({@link ContentDigest#find}). The input is one or
 * more header lines separated by line feeds, as a request may carry several. Seed corpus: {@code
 * src/test/resources/dev/hmacsigned/core/ContentDigestFuzzTestInputs/<method>/}.
 */
class ContentDigestFuzzTest {
  private static final int MAX_MESSAGE_CHARS = 120;

  @FuzzTest
  void find_anyHeaderLines_returnsTheEntryThatRoundTripsOrRefusesWithoutQuoting(byte[] input) {
    List<String> lines = List.of(new String(input, StandardCharsets.ISO_8859_1).split("\n", -1));
    for (Algorithm algorithm : Algorithm.values()) {
      Optional<ContentDigest> found;
      try {
        found = ContentDigest.find(lines, algorithm);
      } catch (IllegalArgumentException e) {
        assertThat(e.getMessage()).isNotBlank().hasSizeLessThanOrEqualTo(MAX_MESSAGE_CHARS);
        continue;
      }
      if (found.isPresent()) {
        ContentDigest digest = found.get();
        assertThat(digest.algorithm()).isEqualTo(algorithm);
        assertThat(digest.digest()).hasSize(algorithm.macBytes());
        assertThat(digest.matches(digest.digest())).isTrue();
        assertThat(ContentDigest.find(List.of(digest.toHeaderValue()), algorithm)).contains(digest);
      }
    }
  }
}
