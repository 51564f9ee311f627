package dev.hmacsigned.it.matrix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * curl, one process per request, with the headers {@link dev.hmacsigned.core.HmacSigner} computed
 * in the test JVM and the body from a file ({@code --data-binary @file}). {@code --path-as-is} and
 * {@code --globoff} keep the URL as written. Over HTTP/2 it uses {@code --http2-prior-knowledge},
 * so it runs only against targets that serve h2c.
 */
final class CurlDriver implements ClientDriver {
  private final boolean http2;
  private final Path work;

  CurlDriver(boolean http2) throws IOException {
    this.http2 = http2;
    this.work = Files.createTempDirectory("matrix-curl-");
  }

  @Override
  public String name() {
    return http2 ? "curl-h2-prior-knowledge" : "curl-1.1";
  }

  @Override
  public Optional<String> notApplicable(MatrixRequest request, Target target) {
    if (http2 && !target.h2c()) {
      return Optional.of("the server does not serve h2c: HTTP/2 with prior knowledge cannot work");
    }
    return Optional.empty();
  }

  @Override
  public List<Reply> send(List<Call> calls) throws IOException, InterruptedException {
    List<Reply> replies = new ArrayList<>(calls.size());
    Map<String, Integer> timeouts = new LinkedHashMap<>();
    for (Call call : calls) {
      String target = call.target().name();
      if (timeouts.getOrDefault(target, 0) >= 2) {
        replies.add(Reply.failed("not sent: two earlier requests to this server timed out"));
        continue;
      }
      Reply reply = send(call);
      if (reply.error() != null && reply.error().startsWith("curl exit 28")) {
        timeouts.merge(target, 1, Integer::sum);
      }
      replies.add(reply);
    }
    return replies;
  }

  private Reply send(Call call) throws IOException, InterruptedException {
    MatrixRequest r = call.request();
    Path bodyFile = work.resolve("body");
    Path headFile = work.resolve("head");
    Path outFile = work.resolve("out");
    Files.deleteIfExists(headFile);
    Files.deleteIfExists(outFile);
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "curl",
            "--silent",
            "--show-error",
            "--path-as-is",
            "--globoff",
            "--noproxy",
            "*",
            "--max-time",
            "15",
            http2 ? "--http2-prior-knowledge" : "--http1.1",
            "--dump-header",
            headFile.toString(),
            "--output",
            outFile.toString(),
            "--write-out",
            "%{http_code} %{http_version}"));
    boolean hasType = r.header("Content-Type") != null;
    for (Map.Entry<String, String> h : WireSigning.signedHeaders(r, call.target(), call.key())) {
      command.add("--header");
      command.add(h.getKey() + ": " + h.getValue());
    }
    switch (r.method()) {
      case "HEAD" -> command.add("--head");
      case "GET" -> {}
      default -> {
        command.add("--request");
        command.add(r.method());
      }
    }
    if (r.hasBody() || List.of("POST", "PUT", "PATCH").contains(r.method())) {
      Files.write(bodyFile, r.body());
      command.add("--data-binary");
      command.add("@" + bodyFile);
      if (!hasType) {
        // --data-binary would add application/x-www-form-urlencoded: send no Content-Type
        command.add("--header");
        command.add("Content-Type:");
      }
    }
    command.add(call.url());
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return Reply.failed("curl did not end");
    }
    if (process.exitValue() != 0) {
      return Reply.failed("curl exit " + process.exitValue() + ": " + err.strip());
    }
    String[] written = out.strip().split(" ");
    int status = Integer.parseInt(written[0]);
    String protocol = "2".equals(written[1]) ? "HTTP/2" : "HTTP/" + written[1];
    byte[] body =
        r.method().equals("HEAD") || !Files.exists(outFile)
            ? new byte[0]
            : Files.readAllBytes(outFile);
    return new Reply(
        status,
        lastHeaderBlock(Files.readString(headFile, StandardCharsets.ISO_8859_1)),
        body,
        protocol,
        null);
  }

  /** The final response's headers: after a {@code 100 Continue} curl writes two blocks. */
  static Map<String, String> lastHeaderBlock(String dump) {
    String[] blocks = dump.replace("\r\n", "\n").strip().split("\n\n");
    String last = blocks[blocks.length - 1];
    Map<String, String> headers = new LinkedHashMap<>();
    String[] lines = last.split("\n");
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).strip();
      headers.merge(name, value, (a, b) -> a + ", " + b);
    }
    return headers;
  }

  @Override
  public void close() throws IOException {
    for (String f : List.of("body", "head", "out")) {
      Files.deleteIfExists(work.resolve(f));
    }
    Files.deleteIfExists(work);
  }
}
