package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Node reference client (clients/node, Node's standard library only) must reproduce every
 * vector and pass its own tests, run with {@code node --test}. Node is required: a machine without
 * it fails here rather than skipping the check.
 */
class NodeReferenceImplementationTest {

  private static final Path CLIENT = Path.of("../clients/node");

  @Test
  void nodeTest_independentNodeImplementation_passesEveryTest()
      throws IOException, InterruptedException {
    assertThat(CLIENT.resolve("hmac-signed.mjs")).as("the Node reference client").isRegularFile();
    Process process;
    try {
      process =
          new ProcessBuilder("node", "--test", "--test-reporter=tap", "test/")
              .directory(CLIENT.toFile())
              .redirectErrorStream(true)
              .start();
    } catch (IOException notFound) {
      throw new AssertionError(
          "node (20 or later) is needed to test the Node reference client in clients/node;"
              + " install it (.ci/run does) and put it on the PATH",
          notFound);
    }
    process.getOutputStream().close();
    // Read the output while node runs, so that a full pipe can never block it.
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("node --test did not finish in 120 s:%n%s", output.getNow("(no output yet)"));
    }
    String text = output.join();

    assertThat(process.exitValue()).as(text).isZero();
    assertThat(summary(text, "fail")).as(text).isZero();
    assertThat(summary(text, "tests")).as(text).isPositive();
    // Nothing skipped, cancelled or left to do: every test ran and passed.
    assertThat(summary(text, "pass")).as(text).isEqualTo(summary(text, "tests"));
  }

  /** A count from the TAP summary that node --test prints last, e.g. {@code # pass 124}. */
  private static int summary(String output, String name) {
    Matcher matcher = Pattern.compile("(?m)^# " + name + " (\\d+)$").matcher(output);
    assertThat(matcher.find())
        .as("'# %s N' in the output of node --test:%n%s", name, output)
        .isTrue();
    return Integer.parseInt(matcher.group(1));
  }
}
