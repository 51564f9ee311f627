package dev.hmacsigned.cli;

import dev.hmacsigned.cli.internal.Commands;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * The {@code hmac-signed} command: protocol v1 of hmac-signed from the shell.
 *
 * <pre>
 * hmac-signed keygen --id orders-2026-11 --principal orders-service --out keys.properties
 * hmac-signed sign   --keys keys.properties https://api.example.com/orders | curl -H @- https://api.example.com/orders
 * hmac-signed curl   --keys keys.properties -H 'Content-Type: application/json' --data '{"a":1}' https://api.example.com/orders
 * hmac-signed verify --keys keys.properties --explain captured-request.http
 * </pre>
 *
 * <p>Every command has {@code --help} with an example. The exit status is 0 on success (for {@code
 * verify}: accepted), 1 when a request is rejected ({@code verify}, or the server's answer to
 * {@code curl}), 2 on a usage error or a file that cannot be used.
 *
 * <p>Security: no output or error message carries a secret, except the keys-file block that {@code
 * keygen} prints when it is not given {@code --out}. {@code --debug} and {@code --explain} show a
 * canonical string: never the secret, but the request's path, query and covered headers.
 */
public final class HmacSignedCli {
  private HmacSignedCli() {}

  /**
   * Runs a command and exits with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /**
   * Runs a command with the given standard streams.
   *
   * @param args the command line, for example {@code verify --keys keys.properties request.http}
   * @param in standard input ({@code --data-binary @-}, {@code verify -})
   * @param out standard output
   * @param err standard error
   * @return the exit status: 0 success, 1 rejected, 2 usage error
   */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    return Commands.run(args, in, out, err);
  }
}
