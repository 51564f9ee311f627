package dev.hmacsigned.cli.internal;

import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.KeyRing;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** Builds the command line, runs one command, and turns what went wrong into exit status 2. */
public final class Commands {
  /** Exit status: done (verify: accepted). */
  static final int OK = 0;

  /** Exit status: a request was rejected. */
  static final int REJECTED = 1;

  /** Exit status: a usage error, or a file or program the command cannot use. */
  static final int USAGE = 2;

  private Commands() {}

  /**
   * Runs one command line.
   *
   * @param args the arguments
   * @param in standard input
   * @param out standard output
   * @param err standard error
   * @return the exit status
   */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    Io io = new Io(in, out, err);
    CommandLine line = new CommandLine(new RootCommand(), new Factory(io));
    // "@FILE" is a body (--data-binary @FILE), never a file of more arguments.
    line.setExpandAtFiles(false);
    line.setOut(writer(out));
    line.setErr(writer(err));
    line.setExecutionExceptionHandler(
        (e, command, parseResult) -> {
          err.println("hmac-signed " + command.getCommandName() + ": " + messageOf(e));
          return USAGE;
        });
    return line.execute(args);
  }

  private static PrintWriter writer(PrintStream stream) {
    return new PrintWriter(stream, true);
  }

  /**
   * Reads a keys file with the servers' parser. (Not through {@code KeySource.keysFile}, which logs
   * each load: a one-shot command has nothing to reload.)
   *
   * @param file the keys file
   * @return its keys, at least one
   * @throws UsageException if the file cannot be read, is not valid or has no key
   */
  static KeyRing readKeys(Path file) {
    KeyRing ring;
    try {
      ring = KeyRing.parseKeysFile(Files.readAllBytes(file));
    } catch (HmacConfigurationException e) {
      throw new UsageException(file + ": " + e.getMessage());
    } catch (IOException e) {
      throw new UsageException(ioMessage(e));
    }
    if (ring.size() == 0) {
      throw new UsageException(file + " has no key (protocol v1 §7.1)");
    }
    return ring;
  }

  /** What went wrong, in words that never carry a secret. */
  static String messageOf(Exception e) {
    if (e instanceof UsageException
        || e instanceof HmacConfigurationException
        || e instanceof IllegalArgumentException) {
      return String.valueOf(e.getMessage());
    }
    if (e instanceof UncheckedIOException u) {
      return ioMessage(u.getCause());
    }
    if (e instanceof IOException io) {
      return ioMessage(io);
    }
    return "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static String ioMessage(IOException e) {
    String kind =
        switch (e.getClass().getSimpleName()) {
          case "NoSuchFileException" -> "no such file";
          case "AccessDeniedException" -> "permission denied";
          case "FileAlreadyExistsException" -> "the file exists";
          case "NotDirectoryException" -> "not a directory";
          default -> e.getClass().getSimpleName();
        };
    return kind + ": " + e.getMessage();
  }

  /** Creates the commands with the streams of this run. */
  private static final class Factory implements CommandLine.IFactory {
    private final Io io;

    Factory(Io io) {
      this.io = io;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      Constructor<K> withIo;
      try {
        withIo = type.getDeclaredConstructor(Io.class);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(type);
      }
      return withIo.newInstance(io);
    }
  }

  /** The version of the jar, from its manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Commands.class.getPackage().getImplementationVersion();
      return new String[] {
        "hmac-signed " + (version == null ? "(development build)" : version) + ", protocol v1"
      };
    }
  }

  /** {@code hmac-signed}: the commands. */
  @Command(
      name = "hmac-signed",
      mixinStandardHelpOptions = true,
      versionProvider = Version.class,
      subcommands = {
        KeygenCommand.class,
        SignCommand.class,
        CurlCommand.class,
        VerifyCommand.class,
        CommandLine.HelpCommand.class
      },
      description = {
        "HMAC request signing (hmac-signed protocol v1) from the shell: generate keys, sign"
            + " requests for any client, send them with curl, verify captured ones, and see the"
            + " canonical string to find out why a signature is rejected."
      },
      footer = {
        "",
        "Example:",
        "  hmac-signed keygen --id orders-2026-11 --out keys.properties",
        "  hmac-signed curl --keys keys.properties \\",
        "      -H 'Content-Type: application/json' --data '{\"sku\":\"A-1\"}' \\",
        "      http://127.0.0.1:8080/api/echo",
        "",
        "Exit status: 0 success (verify: accepted), 1 rejected, 2 usage error.",
        "Run 'hmac-signed COMMAND --help' for the options and an example of each command."
      })
  static final class RootCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Choose a command: keygen, sign, curl or verify.");
    }
  }
}
