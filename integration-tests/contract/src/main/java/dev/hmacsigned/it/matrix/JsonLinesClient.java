package dev.hmacsigned.it.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * A client in a process of its own that signs and sends the requests it reads on standard input,
 * one JSON line each, and answers one JSON line per request, in order: the JAX-RS client runtimes,
 * the Node reference client ({@code cli.mjs batch}) and the Python reference client. The process is
 * started once and fed every request for every target.
 *
 * <p>In: {@code {"url","method","headers":[[name,value]],"body_base64","key_id","secret_base64",
 * "algorithm"}}. Out: {@code {"status","headers":{lowercase name: value},"body_base64","error"}}; a
 * line without {@code status} is a request that got no response.
 */
final class JsonLinesClient implements ClientDriver {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EOF = "\u0000eof";

  private final String name;
  private final List<String> command;
  private final Path log;
  private final BiFunction<MatrixRequest, Target, Optional<String>> notApplicable;
  private Process process;
  private BlockingQueue<String> lines;

  /**
   * @param name the client's name
   * @param command the process to start
   * @param log where its standard error goes
   * @param notApplicable what it cannot express, with the reason
   */
  JsonLinesClient(
      String name,
      List<String> command,
      Path log,
      BiFunction<MatrixRequest, Target, Optional<String>> notApplicable) {
    this.name = name;
    this.command = List.copyOf(command);
    this.log = log;
    this.notApplicable = notApplicable;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<String> notApplicable(MatrixRequest request, Target target) {
    return notApplicable.apply(request, target);
  }

  /** Starts the process ahead of its turn, so that its start-up overlaps other work. */
  synchronized void start() throws IOException {
    if (process != null) {
      return;
    }
    process =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    lines = new LinkedBlockingQueue<>();
    Process p = process;
    BlockingQueue<String> q = lines;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  q.add(line);
                }
              } catch (IOException e) {
                // the process ended; EOF below says so
              }
              q.add(EOF);
            },
            name + "-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  @Override
  public List<Reply> send(List<Call> calls) throws IOException, InterruptedException {
    start();
    OutputStream in = process.getOutputStream();
    List<Reply> replies = new ArrayList<>(calls.size());
    Map<String, Integer> timeouts = new LinkedHashMap<>();
    for (Call call : calls) {
      String target = call.target().name();
      if (timeouts.getOrDefault(target, 0) >= 2) {
        // a server that hangs must cost seconds, not an hour
        replies.add(Reply.failed("not sent: two earlier requests to this server timed out"));
        continue;
      }
      in.write(JSON.writeValueAsBytes(line(call)));
      in.write('\n');
      in.flush();
      Reply reply = read();
      if (reply.error() != null && reply.error().toLowerCase(Locale.ROOT).contains("timeout")) {
        timeouts.merge(target, 1, Integer::sum);
      }
      replies.add(reply);
    }
    return replies;
  }

  private Reply read() throws InterruptedException, IOException {
    while (true) {
      String line = lines.poll(90, TimeUnit.SECONDS);
      if (line == null) {
        return Reply.failed(name + " gave no answer within 90 s");
      }
      if (line.equals(EOF)) {
        lines.add(EOF);
        return Reply.failed(name + " ended; see " + log);
      }
      if (!line.startsWith("{")) {
        continue; // a runtime's log line on standard output
      }
      return reply(JSON.readTree(line));
    }
  }

  static ObjectNode line(Call call) {
    MatrixRequest r = call.request();
    ObjectNode o = JSON.createObjectNode();
    o.put("url", call.url());
    o.put("method", r.method());
    ArrayNode headers = o.putArray("headers");
    for (Map.Entry<String, String> h : r.headers()) {
      headers.addArray().add(h.getKey()).add(h.getValue());
    }
    o.put("body_base64", Base64.getEncoder().encodeToString(r.body()));
    o.put("key_id", call.key().id());
    o.put("secret_base64", call.key().secretBase64());
    o.put("algorithm", call.key().algorithm().scheme());
    return o;
  }

  static Reply reply(JsonNode o) {
    if (!o.hasNonNull("status") || o.get("status").asInt() < 0) {
      String error = o.hasNonNull("error") ? o.get("error").asText() : o.toString();
      return Reply.failed(error);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    JsonNode h = o.get("headers");
    if (h != null) {
      h.fields()
          .forEachRemaining(
              e -> headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
    }
    byte[] body =
        o.hasNonNull("body_base64")
            ? Base64.getDecoder().decode(o.get("body_base64").asText())
            : new byte[0];
    String protocol = o.hasNonNull("protocol") ? o.get("protocol").asText() : null;
    return new Reply(o.get("status").asInt(), headers, body, protocol, null);
  }

  @Override
  public synchronized void close() {
    if (process == null) {
      return;
    }
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }
}
