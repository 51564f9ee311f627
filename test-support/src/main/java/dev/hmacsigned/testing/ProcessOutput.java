package dev.hmacsigned.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows what a server process prints, for tests that start one (the demo's {@code serve}): every
 * line is kept in a log, and the first line that matches a pattern (its "listening on" line) is
 * handed over.
 *
 * <pre>{@code
 * StringBuffer log = new StringBuffer();
 * Matcher listening =
 *     ProcessOutput.follow(process, log, Pattern.compile("listening on (\\S+)"), "serve-output")
 *         .get(60, TimeUnit.SECONDS);
 * }</pre>
 */
public final class ProcessOutput {
  private ProcessOutput() {}

  /**
   * Reads the process's standard output (with standard error redirected into it, if the test asked
   * so) on a daemon thread until it ends.
   *
   * @param process the process
   * @param log receives every line, each followed by a newline
   * @param pattern the line to wait for
   * @param threadName the reading thread's name
   * @return the first match; completed exceptionally, with the log, if the output ends first
   */
  public static CompletableFuture<Matcher> follow(
      Process process, StringBuffer log, Pattern pattern, String threadName) {
    CompletableFuture<Matcher> found = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                  log.append(line).append('\n');
                  Matcher m = pattern.matcher(line);
                  if (!found.isDone() && m.find()) {
                    found.complete(m);
                  }
                }
              } catch (IOException e) {
                log.append("(output unreadable: ").append(e).append(")\n");
              }
              found.completeExceptionally(
                  new IllegalStateException("the process's output ended:\n" + log));
            },
            threadName);
    reader.setDaemon(true);
    reader.start();
    return found;
  }
}
