package dev.hmacsigned.benchmarks.http;

import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.SignedHeaders;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP load benchmark of issue 14 (target 1): the same resources with the library on ({@code
 * /ctx/signed/...}) and off ({@code /ctx/plain/...}), a {@code GET} with a query and a {@code POST}
 * of 1 KiB of JSON, driven by {@code wrk} over keep-alive connections with requests written
 * beforehand: signed ones are signed before the run (signing is not on the clock), each with a
 * nonce of its own, and the server keeps its default in-memory replay store, so every nonce is
 * checked and remembered.
 *
 * <p>For each server (a {@link BenchServer} in a JVM of its own) and each shape: a warm-up of both
 * modes, then {@code runs} pairs of measured runs back to back, plain and signed, the order
 * alternating. Each run reports wrk's throughput and latency percentiles and the server process's
 * CPU time over the run ({@code utime + stime} of {@code /proc/<pid>/stat}) divided by the
 * requests. A run with any non-2xx answer (a signed request that ran out of fresh requests and was
 * sent again is a replay: 401) or socket error is marked invalid. The summary is the median of the
 * runs; the ratio is signed/plain throughput.
 *
 * <pre>
 * java -cp benchmarks/http/target/classes:$(cat benchmarks/http/target/jetty.classpath) \
 *   dev.hmacsigned.benchmarks.http.HttpLoadBench --out benchmarks/results/http.json \
 *   [--servers servlet-jetty,jersey-jetty,resteasy-undertow,servlet-jetty@cache=0]
 *   [--shapes get,post] [--warmup 10] [--duration 10] [--runs 3] [--connections 32]
 *   [--threads 2] [--modes plain,signed] [--jfr dir] [--delay-ms 0] [--heap 2g]
 *   [--replay-max-entries 20000000]
 * </pre>
 *
 * <p>A server name may carry {@code @cache=N}: Jetty's header cache size ({@code
 * HttpConfiguration.headerCacheSize}) for that server. {@code --jfr dir} records each server with
 * Java Flight Recorder into {@code dir/<server>.jfr} ({@link JfrTop} summarizes one).
 *
 * <p>The servers keep the default in-memory replay store and skew (300 s), with room for 20 million
 * live nonces ({@code hmac.replay.max-entries}; the default, 4 million, is sized for 10,000
 * requests a second, and the servlet filter on Jetty takes 40,000 signed ones here), in a 2 GiB
 * heap.
 *
 * <p>{@code --delay-ms N} paces the load: each connection waits N ms before each request (wrk's
 * {@code delay()}), so both modes run at about the same request rate, below what the server can
 * take. Latency percentiles are comparable only then: at saturation, as without it, a closed-loop
 * driver's latency is the connections divided by the throughput, whatever a request costs.
 */
public final class HttpLoadBench {
  private static final Pattern LISTENING = Pattern.compile("LISTENING (\\d+)");

  /** The servers' heap, {@code --heap}. */
  private static final String DEFAULT_HEAP = "2g";

  /** The servers' {@code hmac.replay.max-entries}, {@code --replay-max-entries}. */
  private static final String DEFAULT_REPLAY_MAX_ENTRIES = "20000000";

  private static final Pattern FIELD = Pattern.compile("(\\w+)=([0-9.]+)");
  private static final String KEY_ID = "bench";
  private static final int POST_BYTES = 1024;

  private final Map<String, String> options;
  private final Path work;
  private final Path module;
  private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
  private final byte[] secret = new byte[32];
  private final HmacSigner signer;
  private long sequence;

  private HttpLoadBench(Map<String, String> options) throws IOException {
    this.options = options;
    this.work = Files.createTempDirectory("http-bench");
    this.module = Path.of(option("module", "benchmarks/http"));
    new SecureRandom().nextBytes(secret);
    this.signer =
        HmacSigner.builder(HmacKey.builder(KEY_ID).secret(secret.clone()).build()).build();
  }

  /**
   * Runs the benchmark.
   *
   * @param args options, see the class comment
   * @throws Exception if a server does not start or wrk fails
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    new HttpLoadBench(options).run();
  }

  private String option(String name, String otherwise) {
    return options.getOrDefault(name, otherwise);
  }

  private int intOption(String name, int otherwise) {
    return Integer.parseInt(option(name, Integer.toString(otherwise)));
  }

  private void run() throws Exception {
    List<String> servers =
        List.of(option("servers", "servlet-jetty,jersey-jetty,resteasy-undertow").split(","));
    List<String> shapes = List.of(option("shapes", "get,post").split(","));
    List<String> modes = List.of(option("modes", "plain,signed").split(","));
    Path keys = work.resolve("keys.properties");
    Files.writeString(
        keys,
        KEY_ID + ".secret=base64:" + Base64.getEncoder().encodeToString(secret) + "\n",
        StandardCharsets.UTF_8);
    Path script = work.resolve("requests.lua");
    try (InputStream lua = HttpLoadBench.class.getResourceAsStream("requests.lua")) {
      Files.write(script, lua.readAllBytes());
    }
    int delayMs = intOption("delay-ms", 0);
    if (delayMs > 0) { // defined only when pacing: wrk then sends every request through a timer
      Files.writeString(
          script,
          "\nfunction delay()\n  return " + delayMs + "\nend\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
    }
    StringBuilder json = new StringBuilder();
    json.append("{\n  \"machine\": ").append(machine()).append(",\n");
    json.append("  \"settings\": ").append(jsonObject(settings())).append(",\n");
    json.append("  \"results\": [\n");
    boolean first = true;
    for (String server : servers) {
      try (ServerProcess process = ServerProcess.start(this, server, keys)) {
        checkBinding(process);
        for (String shape : shapes) {
          Comparison comparison = compare(process, shape, modes, script);
          out.println(comparison.summaryLine());
          json.append(first ? "" : ",\n").append(comparison.json());
          first = false;
        }
      }
    }
    json.append("\n  ]\n}\n");
    Path file = Path.of(option("out", "benchmarks/results/http.json"));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, json, StandardCharsets.UTF_8);
    out.println("== JSON in " + file);
    deleteTree(work);
  }

  private Map<String, Object> settings() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("warmup_s", intOption("warmup", 10));
    settings.put("duration_s", intOption("duration", 10));
    settings.put("runs", intOption("runs", 3));
    settings.put("connections", intOption("connections", 32));
    settings.put("wrk_threads", intOption("threads", 2));
    settings.put("server_heap", option("heap", DEFAULT_HEAP));
    settings.put("replay_max_entries", option("replay-max-entries", DEFAULT_REPLAY_MAX_ENTRIES));
    settings.put("delay_ms", intOption("delay-ms", 0));
    return settings;
  }

  private static String machine() throws IOException {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cpus", Runtime.getRuntime().availableProcessors());
    String model =
        Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
            .filter(l -> l.startsWith("model name"))
            .map(l -> l.substring(l.indexOf(':') + 1).strip())
            .findFirst()
            .orElse("unknown");
    machine.put("cpu", model);
    machine.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
    machine.put("date", Instant.now().toString());
    return jsonObject(machine);
  }

  /** The library guards /signed and only /signed: checked before anything is measured. */
  private void checkBinding(ServerProcess server) throws IOException {
    byte[] signed = request(server, "get", true, sequence++);
    byte[] plain = request(server, "get", false, sequence++);
    byte[] unsignedToSigned =
        new String(plain, StandardCharsets.ISO_8859_1)
            .replace(BenchServer.CONTEXT + "/plain/", BenchServer.CONTEXT + "/signed/")
            .getBytes(StandardCharsets.ISO_8859_1);
    expectStatus(server, signed, 200);
    expectStatus(server, plain, 200);
    expectStatus(server, unsignedToSigned, 401);
  }

  private static void expectStatus(ServerProcess server, byte[] request, int status)
      throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.getOutputStream().write(request);
      String line = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
      if (!line.endsWith(" " + status)) {
        throw new IllegalStateException(
            server.name()
                + ": expected "
                + status
                + ", got "
                + line
                + " for\n"
                + new String(request, StandardCharsets.ISO_8859_1));
      }
    }
  }

  private Comparison compare(ServerProcess server, String shape, List<String> modes, Path script)
      throws Exception {
    int warmup = intOption("warmup", 10);
    int duration = intOption("duration", 10);
    int runs = intOption("runs", 3);
    // Each run gets requests for 1.6 times the fastest rate seen so far on this server and shape,
    // in either mode (a plain run is the faster one, so it bounds the signed runs): a signed run
    // that ran out would send its requests again, as replays.
    double fastest = shape.equals("get") ? 30_000 : 25_000;
    for (String mode : modes) {
      out.printf("-- %s %s %s: warm-up %d s%n", server.name(), shape, mode, warmup);
      fastest = Math.max(fastest, wrk(server, shape, mode, warmup, fastest, script).rate());
    }
    Comparison comparison = new Comparison(server.name(), shape, modes);
    for (int r = 0; r < runs; r++) {
      List<String> order = new ArrayList<>(modes);
      if (r % 2 == 1) {
        java.util.Collections.reverse(order);
      }
      for (String mode : order) {
        Run run = wrk(server, shape, mode, duration, fastest, script);
        fastest = Math.max(fastest, run.rate());
        out.printf("   %s %s %s run %d: %s%n", server.name(), shape, mode, r + 1, run);
        comparison.add(mode, run);
      }
    }
    return comparison;
  }

  /** One wrk run of {@code seconds}, with requests for 1.6 times {@code rate} plus a margin. */
  private Run wrk(
      ServerProcess server, String shape, String mode, int seconds, double rate, Path script)
      throws Exception {
    int threads = intOption("threads", 2);
    long total = (long) (rate * seconds * 1.6) + 20_000;
    Path prefix = work.resolve("requests-");
    writeRequests(server, shape, mode.equals("signed"), threads, total / threads, prefix);
    List<String> command =
        List.of(
            "wrk",
            "-t" + threads,
            "-c" + intOption("connections", 32),
            "-d" + seconds + "s",
            "-s",
            script.toString(),
            "http://127.0.0.1:" + server.port(),
            "--",
            prefix.toString());
    long cpuBefore = server.cpuTicks();
    Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (wrk.waitFor() != 0) {
      throw new IllegalStateException("wrk failed:\n" + output);
    }
    long cpuTicks = server.cpuTicks() - cpuBefore;
    for (int t = 0; t < threads; t++) {
      Files.deleteIfExists(Path.of(prefix + Integer.toString(t)));
    }
    int at = output.indexOf("RESULT ");
    if (at < 0) {
      throw new IllegalStateException("no RESULT line from wrk:\n" + output);
    }
    Map<String, Double> fields = new LinkedHashMap<>();
    Matcher m = FIELD.matcher(output.substring(at));
    while (m.find()) {
      fields.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    return new Run(fields, cpuTicks * 1_000_000.0 / ServerProcess.TICKS_PER_SECOND);
  }

  /** Writes {@code perThread} requests to each thread's file, in wrk's format. */
  private void writeRequests(
      ServerProcess server, String shape, boolean signed, int threads, long perThread, Path prefix)
      throws IOException {
    for (int t = 0; t < threads; t++) {
      try (OutputStream file =
          new BufferedOutputStream(
              Files.newOutputStream(Path.of(prefix + Integer.toString(t))), 1 << 16)) {
        for (long i = 0; i < perThread; i++) {
          byte[] request = request(server, shape, signed, sequence++);
          file.write((request.length + "\n").getBytes(StandardCharsets.US_ASCII));
          file.write(request);
        }
      }
    }
  }

  /**
   * Request {@code i} of a shape, raw: a {@code GET} of {@code items/<i>} with a three-parameter
   * query, or a {@code POST} of exactly 1 KiB of JSON, different for every {@code i}; signed (with
   * {@code Authorization}, and {@code Content-Digest} for the POST) or not.
   */
  private byte[] request(ServerProcess server, String shape, boolean signed, long i)
      throws IOException {
    String authority = "127.0.0.1:" + server.port();
    String base = BenchServer.CONTEXT + (signed ? "/signed/" : "/plain/");
    StringBuilder head = new StringBuilder(512);
    byte[] body;
    String target;
    Map<String, List<String>> headers;
    if (shape.equals("get")) {
      target = base + "items/" + i + "?q=" + i + "&tag=load&shard=" + (i % 97);
      body = null;
      headers = Map.of();
      head.append("GET ").append(target).append(" HTTP/1.1\r\nHost: ").append(authority);
    } else if (shape.equals("post")) {
      target = base + "echo";
      body = json(i);
      headers = Map.of("Content-Type", List.of("application/json"));
      head.append("POST ").append(target).append(" HTTP/1.1\r\nHost: ").append(authority);
      head.append("\r\nContent-Type: application/json\r\nContent-Length: ").append(body.length);
    } else {
      throw new IllegalArgumentException("unknown shape " + shape);
    }
    if (signed) {
      SignedHeaders sig =
          signer.sign(
              shape.equals("get") ? "GET" : "POST",
              URI.create("http://" + authority + target),
              headers,
              body);
      head.append("\r\nAuthorization: ").append(sig.authorization());
      if (sig.contentDigestHeader().isPresent()) {
        head.append("\r\nContent-Digest: ").append(sig.contentDigestHeader().get());
      }
    }
    head.append("\r\n\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
    if (body == null) {
      return headBytes;
    }
    byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
    System.arraycopy(body, 0, request, headBytes.length, body.length);
    return request;
  }

  /** {@code {"i":<i>,"pad":"<letters>"}}, exactly {@value #POST_BYTES} bytes, different per i. */
  private static byte[] json(long i) {
    StringBuilder text = new StringBuilder(POST_BYTES).append("{\"i\":").append(i);
    text.append(",\"pad\":\"");
    Random letters = new Random(i);
    while (text.length() < POST_BYTES - 2) {
      text.append((char) ('a' + letters.nextInt(26)));
    }
    return text.append("\"}").toString().getBytes(StandardCharsets.US_ASCII);
  }

  static String jsonObject(Map<String, ?> map) {
    StringBuilder json = new StringBuilder("{");
    map.forEach(
        (k, v) -> {
          json.append(json.length() > 1 ? ", " : "").append('"').append(k).append("\": ");
          if (v instanceof Number n) {
            double d = n.doubleValue();
            json.append(
                d == Math.rint(d) && Math.abs(d) < 1e15
                    ? Long.toString((long) d)
                    : String.format(Locale.ROOT, "%.3f", d));
          } else if (v instanceof Boolean
              || (v instanceof String s && s.startsWith("{"))
              || (v instanceof String s2 && s2.startsWith("["))) {
            json.append(v);
          } else {
            json.append('"')
                .append(String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\""))
                .append('"');
          }
        });
    return json.append('}').toString();
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** A server JVM of {@link BenchServer}: started, its CPU time read, stopped. */
  record ServerProcess(String name, Process process, int port) implements AutoCloseable {
    /** Linux's USER_HZ, the unit of utime and stime in /proc/pid/stat. */
    static final long TICKS_PER_SECOND = 100;

    static ServerProcess start(HttpLoadBench bench, String spec, Path keys)
        throws IOException, InterruptedException {
      String[] parts = spec.split("@");
      String kind = parts[0];
      String classpathFile = kind.endsWith("-jetty") ? "jetty.classpath" : "undertow.classpath";
      Path target = bench.module.resolve("target");
      String classpath =
          target.resolve("classes")
              + File.pathSeparator
              + Files.readString(target.resolve(classpathFile)).strip();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      String heap = bench.option("heap", DEFAULT_HEAP);
      command.add("-Xms" + heap);
      command.add("-Xmx" + heap);
      command.add("-Dhmac.keys.file=" + keys);
      command.add(
          "-Dhmac.replay.max-entries="
              + bench.option("replay-max-entries", DEFAULT_REPLAY_MAX_ENTRIES));
      for (int i = 1; i < parts.length; i++) {
        String[] kv = parts[i].split("=", 2);
        if (kv[0].equals("cache")) {
          command.add("-D" + BenchServer.JETTY_HEADER_CACHE + "=" + kv[1]);
        } else {
          throw new IllegalArgumentException("unknown server option " + parts[i]);
        }
      }
      String jfr = bench.options.get("jfr");
      if (jfr != null) {
        Files.createDirectories(Path.of(jfr));
        command.add(
            "-XX:StartFlightRecording=settings=profile,filename="
                + Path.of(jfr, spec.replace('@', '_').replace('=', '-') + ".jfr").toAbsolutePath());
      }
      command.add("-cp");
      command.add(classpath);
      command.add(BenchServer.class.getName());
      command.add(kind);
      Path log = bench.work.resolve(spec + ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
      while (true) {
        Matcher m = LISTENING.matcher(Files.readString(log));
        if (m.find()) {
          bench.out.println(
              "== " + spec + " listening on " + m.group(1) + ", pid " + process.pid());
          return new ServerProcess(spec, process, Integer.parseInt(m.group(1)));
        }
        if (!process.isAlive() || Instant.now().isAfter(deadline)) {
          process.destroyForcibly().waitFor();
          throw new IllegalStateException(spec + " did not start:\n" + Files.readString(log));
        }
        Thread.sleep(100);
      }
    }

    /** utime + stime of the server process, all its threads, in clock ticks. */
    long cpuTicks() throws IOException {
      String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields[0] is field 3 (state); utime is field 14, stime field 15
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    @Override
    public void close() throws InterruptedException {
      try {
        process.getOutputStream().close();
      } catch (IOException ignored) {
        // already gone
      }
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  /** One wrk run: wrk's figures and the server's CPU time over it. */
  record Run(Map<String, Double> wrk, double serverCpuMicros) {
    double requests() {
      return wrk.get("requests");
    }

    double rate() {
      return requests() / (wrk.get("duration_us") / 1e6);
    }

    double cpuPerRequestMicros() {
      return serverCpuMicros / requests();
    }

    boolean valid() {
      // A signed request sent again (wrapped) is a replay and gets 401, so it shows in non2xx.
      return wrk.get("non2xx") == 0 && wrk.get("socket_errors") == 0;
    }

    Map<String, Object> fields() {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("requests_per_s", rate());
      f.put("server_cpu_us_per_request", cpuPerRequestMicros());
      f.put("p50_us", wrk.get("p50_us"));
      f.put("p90_us", wrk.get("p90_us"));
      f.put("p99_us", wrk.get("p99_us"));
      f.put("p999_us", wrk.get("p999_us"));
      f.put("requests", requests());
      f.put("non2xx", wrk.get("non2xx"));
      f.put("socket_errors", wrk.get("socket_errors"));
      f.put("wrapped", wrk.get("wrapped"));
      f.put("valid", valid());
      return f;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%.0f req/s, server CPU %.1f us/req, p50 %.0f us, p99 %.0f us%s",
          rate(),
          cpuPerRequestMicros(),
          wrk.get("p50_us"),
          wrk.get("p99_us"),
          valid() ? "" : " INVALID " + wrk);
    }
  }

  /** The runs of one server and shape, and their medians. */
  static final class Comparison {
    private final String server;
    private final String shape;
    private final Map<String, List<Run>> runs = new LinkedHashMap<>();

    Comparison(String server, String shape, List<String> modes) {
      this.server = server;
      this.shape = shape;
      modes.forEach(m -> runs.put(m, new ArrayList<>()));
    }

    void add(String mode, Run run) {
      runs.get(mode).add(run);
    }

    private double median(String mode, java.util.function.ToDoubleFunction<Run> f) {
      double[] values = runs.get(mode).stream().mapToDouble(f).sorted().toArray();
      int n = values.length;
      return n == 0
          ? Double.NaN
          : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private boolean both() {
      return runs.containsKey("plain") && runs.containsKey("signed");
    }

    private boolean allValid() {
      return runs.values().stream().flatMap(List::stream).allMatch(Run::valid);
    }

    String summaryLine() {
      StringBuilder line = new StringBuilder("== ").append(server).append(' ').append(shape);
      for (String mode : runs.keySet()) {
        line.append(
            String.format(
                Locale.ROOT,
                " | %s %.0f req/s, %.1f us CPU/req, p99 %.0f us",
                mode,
                median(mode, Run::rate),
                median(mode, Run::cpuPerRequestMicros),
                median(mode, r -> r.wrk().get("p99_us"))));
      }
      if (both()) {
        line.append(
            String.format(
                Locale.ROOT,
                " | ratio %.3f, CPU added %.1f us/req, p99 added %.0f us",
                median("signed", Run::rate) / median("plain", Run::rate),
                median("signed", Run::cpuPerRequestMicros)
                    - median("plain", Run::cpuPerRequestMicros),
                median("signed", r -> r.wrk().get("p99_us"))
                    - median("plain", r -> r.wrk().get("p99_us"))));
      }
      return line.append(allValid() ? "" : " | SOME RUNS INVALID").toString();
    }

    String json() {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("server", server);
      summary.put("shape", shape);
      for (String mode : runs.keySet()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests_per_s", median(mode, Run::rate));
        m.put("server_cpu_us_per_request", median(mode, Run::cpuPerRequestMicros));
        m.put("p50_us", median(mode, r -> r.wrk().get("p50_us")));
        m.put("p99_us", median(mode, r -> r.wrk().get("p99_us")));
        StringBuilder list = new StringBuilder("[");
        for (Run run : runs.get(mode)) {
          list.append(list.length() > 1 ? ", " : "").append(jsonObject(run.fields()));
        }
        m.put("runs", list.append(']').toString());
        summary.put(mode, jsonObject(m));
      }
      if (both()) {
        summary.put("throughput_ratio", median("signed", Run::rate) / median("plain", Run::rate));
        summary.put(
            "server_cpu_added_us_per_request",
            median("signed", Run::cpuPerRequestMicros) - median("plain", Run::cpuPerRequestMicros));
        summary.put(
            "p99_added_us",
            median("signed", r -> r.wrk().get("p99_us"))
                - median("plain", r -> r.wrk().get("p99_us")));
      }
      summary.put("all_runs_valid", allValid());
      return "    " + jsonObject(summary);
    }
  }
}
