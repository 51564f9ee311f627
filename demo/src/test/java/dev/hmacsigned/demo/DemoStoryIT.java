package dev.hmacsigned.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs {@code java -jar hmac-signed-demo.jar} exactly as the README says. */
class DemoStoryIT {

  @Test
  void demoJar_story_tellsEveryStepAndExitsZero() throws Exception {
    Path jar = Path.of(System.getProperty("demo.jar"));
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("principal orders-service")
        .contains("invalid_signature")
        .contains("replayed_nonce")
        .contains("stale_timestamp")
        .contains("All as expected.")
        .doesNotContain("[!!]");
  }
}
