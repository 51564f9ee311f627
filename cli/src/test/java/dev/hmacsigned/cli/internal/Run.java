package dev.hmacsigned.cli.internal;

import dev.hmacsigned.cli.HmacSignedCli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One run of the command line, in this JVM, with its streams captured.
 *
 * @param exit the exit status
 * @param out standard output
 * @param err standard error
 */
record Run(int exit, String out, String err) {
  static Run of(String... args) {
    return withInput(new byte[0], args);
  }

  static Run withInput(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = HmacSignedCli.run(args, new ByteArrayInputStream(stdin), o, e);
    }
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Both streams, for checks that something appears in neither. */
  String all() {
    return out + "\n" + err;
  }
}
