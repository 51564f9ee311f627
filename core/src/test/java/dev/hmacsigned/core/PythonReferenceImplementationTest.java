package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The independent implementation of the spec, in Python with its standard library only, must
 * reproduce every vector the Java side reproduces.
 */
class PythonReferenceImplementationTest {

  @Test
  void checkVectors_independentPythonImplementation_reproducesEveryCase()
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder("python3", "../clients/python/check_vectors.py")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).containsPattern("(?m)^\\d+ passed, 0 failed$");
  }

  @Test
  void unitTests_pythonReferenceClient_pass() throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder("python3", "-m", "unittest", "discover", "-s", "../clients/python")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).containsPattern("(?m)^Ran [1-9]\\d* tests?").contains("OK");
  }
}
