package dev.hmacsigned.cli.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hmac-signed curl}: signs a request and sends it with curl. */
@Command(
    name = "curl",
    mixinStandardHelpOptions = true,
    description = {
      "Signs a request and sends it with curl.",
      "",
      "Sends the headers given, Authorization and"
          + " Content-Digest, and the exact body bytes (from a private temporary file). curl's"
          + " output is printed as it comes.",
      "When the server refuses the signature (401, 413 or 503 with a problem document), the"
          + " rejection code, the server's hint and the fingerprint of the canonical string signed"
          + " are printed to standard error: compare that fingerprint with the one in the"
          + " server's log line.",
      "A body without Content-Type is sent, and signed, with curl's default"
          + " application/x-www-form-urlencoded. Arguments after -- go to curl as they are"
          + " (-i, -v, --http2, ...); curl runs with -sS --globoff --path-as-is, so that the URL"
          + " is sent as signed."
    },
    footer = {
      "",
      "Example:",
      "  hmac-signed curl --keys keys.properties \\",
      "      -H 'Content-Type: application/json' \\",
      "      --data '{\"sku\":\"A-1001\"}' http://127.0.0.1:8080/api/echo -- -i",
      "",
      "Exit status: curl's, or 1 when curl succeeded and the server refused the signature;"
          + " 2 on a usage error."
    })
final class CurlCommand implements Callable<Integer> {
  /** Enough of curl's output to find a problem document in; the rest is only passed on. */
  private static final int KEPT_BYTES = 64 * 1024;

  @Mixin SigningOptions options;

  @Option(
      names = "--curl",
      paramLabel = "PROGRAM",
      defaultValue = "curl",
      description = "the curl to run (default: curl from the PATH)")
  String curl;

  @Parameters(index = "0", paramLabel = "URL", description = "the absolute URL of the request")
  String url;

  @Parameters(
      index = "1..*",
      paramLabel = "CURL_ARG",
      description = "after --: more arguments for curl")
  List<String> curlArguments = new ArrayList<>();

  private final Io io;

  CurlCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    SigningOptions.Signed signed = options.sign(url, io, true);
    Path directory =
        Files.createTempDirectory(
            "hmac-signed-curl-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    try {
      return send(signed, directory);
    } finally {
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private int send(SigningOptions.Signed signed, Path directory)
      throws IOException, InterruptedException {
    Path responseHeaders = directory.resolve("response-headers");
    List<String> command = new ArrayList<>();
    command.add(curl);
    command.add("-sS");
    command.add("--globoff");
    command.add("--path-as-is");
    command.add("--dump-header");
    command.add(responseHeaders.toString());
    String curlDefault = signed.hasBody() ? "POST" : "GET";
    if (signed.method().equals("HEAD")) {
      command.add("--head");
    } else if (!signed.method().equals(curlDefault)) {
      command.add("--request");
      command.add(signed.method());
    }
    for (SigningOptions.Header header : signed.headers()) {
      command.add("--header");
      command.add(header.line());
    }
    command.add("--header");
    command.add("Authorization: " + signed.signature().authorization());
    if (signed.signature().contentDigestHeader().isPresent()) {
      command.add("--header");
      command.add("Content-Digest: " + signed.signature().contentDigestHeader().get());
    }
    if (signed.hasBody()) {
      Path body = directory.resolve("body");
      Files.write(body, signed.body());
      command.add("--data-binary");
      command.add("@" + body);
    }
    command.addAll(curlArguments);
    command.add("--url");
    command.add(signed.uri().toString());

    Process process;
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new UsageException(
          "cannot run " + curl + " (" + e.getMessage() + "): install curl or pass --curl PATH");
    }
    process.getOutputStream().close();
    Thread errors = copy(process.getErrorStream(), io.err(), null, "curl-stderr");
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    Thread output = copy(process.getInputStream(), io.out(), kept, "curl-stdout");
    int exit = process.waitFor();
    output.join();
    errors.join();
    io.out().flush();

    Optional<Integer> status = lastStatus(responseHeaders);
    if (exit != 0 || status.isEmpty()) {
      return exit;
    }
    int s = status.get();
    if (s != 401 && s != 413 && s != 503) {
      return Commands.OK;
    }
    Optional<ProblemDocument> problem =
        ProblemDocument.find(new String(kept.toByteArray(), StandardCharsets.UTF_8));
    if (problem.isEmpty()) {
      return Commands.OK; // an answer of the application, not of the protocol
    }
    if (kept.size() > 0 && kept.toByteArray()[kept.size() - 1] != '\n') {
      io.err().println(); // after a body without a final line break, on a terminal
    }
    io.err()
        .println(
            "hmac-signed curl: the server refused the request: " + s + " " + problem.get().code());
    problem.get().detail().ifPresent(d -> io.err().println("  " + d));
    io.err()
        .println(
            "  The canonical string signed has fingerprint "
                + signed.signature().canonicalString().fingerprint()
                + " (--debug prints it). On a signature mismatch the server logs the fingerprint"
                + " of its own: the same one means the secrets differ, another one that the"
                + " request changed on its way ('verify --explain' on a capture shows how).");
    io.err().flush();
    return Commands.REJECTED;
  }

  /** The status of the last response curl received (after a 100 Continue or a redirect). */
  private static Optional<Integer> lastStatus(Path responseHeaders) throws IOException {
    if (!Files.exists(responseHeaders)) {
      return Optional.empty();
    }
    Integer status = null;
    for (String line : Files.readAllLines(responseHeaders, StandardCharsets.ISO_8859_1)) {
      String[] parts = line.split(" ", 3);
      if (parts.length >= 2 && parts[0].startsWith("HTTP/") && parts[1].matches("[0-9]{3}")) {
        status = Integer.valueOf(parts[1]);
      }
    }
    return Optional.ofNullable(status);
  }

  private static Thread copy(
      InputStream from, OutputStream to, ByteArrayOutputStream kept, String name) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (from) {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                  synchronized (to) {
                    to.write(buffer, 0, n);
                    to.flush();
                  }
                  if (kept != null && kept.size() < KEPT_BYTES) {
                    kept.write(buffer, 0, Math.min(n, KEPT_BYTES - kept.size()));
                  }
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
