package dev.hmacsigned.it.matrix;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The figure of a {@link MatrixResult}: a fixed-width table for the build log, the same as
 * Markdown, and every cell as JSON.
 *
 * <p>A corpus cell reads {@code accepted/total}, then {@code rN} for N requests the container
 * refused as its allow-list says, {@code nN} for N not applicable, {@code FN} for N failures, and
 * the HTTP version that answered where the client speaks HTTP/2. A tamper cell reads {@code
 * rejected/sent}, {@code cN} for N of those refused by the container itself, {@code nN}, {@code AN}
 * for N tampered requests accepted, {@code XN} for N controls not accepted, {@code EN} for N
 * errors.
 */
public final class MatrixReport {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final MatrixResult result;

  private MatrixReport(MatrixResult result) {
    this.result = result;
  }

  /**
   * A report of a result.
   *
   * @param result the result
   * @return the report
   */
  public static MatrixReport of(MatrixResult result) {
    return new MatrixReport(result);
  }

  /**
   * Prints the text figure.
   *
   * @param out where to
   * @return this report
   */
  public MatrixReport print(PrintStream out) {
    out.println(text());
    out.flush();
    return this;
  }

  /**
   * Writes {@code matrix.md} and {@code matrix.json}.
   *
   * @param directory where to, usually the module's {@code target}
   * @return this report
   * @throws IOException if they cannot be written
   */
  public MatrixReport write(Path directory) throws IOException {
    Files.createDirectories(directory);
    Files.writeString(directory.resolve("matrix.md"), markdown(), StandardCharsets.UTF_8);
    Files.writeString(
        directory.resolve("matrix.json"), JSON.writeValueAsString(json()), StandardCharsets.UTF_8);
    return this;
  }

  // ------------------------------------------------------------------ cells

  private String corpusCell(String client, Target target) {
    List<Cell> cells = result.cells("corpus", client, target.name());
    long na = count(cells, Verdict.NOT_APPLICABLE);
    if (na == cells.size()) {
      return "N/A";
    }
    long ok = count(cells, Verdict.ACCEPTED);
    long refused = count(cells, Verdict.REFUSED_BY_CONTAINER);
    long failed = cells.stream().filter(c -> c.verdict().isFailure()).count();
    StringBuilder s = new StringBuilder().append(ok).append('/').append(cells.size());
    if (refused > 0) {
      s.append(" r").append(refused);
    }
    if (na > 0) {
      s.append(" n").append(na);
    }
    if (failed > 0) {
      s.append(" F").append(failed);
    }
    String protocols = protocols(client, target, cells);
    if (!protocols.isEmpty()) {
      s.append(' ').append(protocols);
    }
    return s.toString();
  }

  /** The HTTP versions that answered, for a client that may speak HTTP/2. */
  private static String protocols(String client, Target target, List<Cell> cells) {
    if (!client.contains("h2")) {
      return "";
    }
    Map<String, Long> seen =
        cells.stream()
            .filter(c -> c.protocol() != null && c.status() > 0)
            .collect(Collectors.groupingBy(Cell::protocol, TreeMap::new, Collectors.counting()));
    if (seen.isEmpty()) {
      return "";
    }
    if (seen.size() == 1) {
      String only = seen.keySet().iterator().next();
      if (only.equals("HTTP/2")) {
        return "h2";
      }
      return target.h2c() ? only : "1.1-fallback";
    }
    return seen.entrySet().stream()
        .map(e -> e.getKey().replace("HTTP/", "") + ":" + e.getValue())
        .collect(Collectors.joining(",", "[", "]"));
  }

  private String tamperCell(String sender, Target target) {
    List<Cell> tampered = result.cells("tamper", sender, target.name());
    List<Cell> controls = result.cells("control", sender, target.name());
    long na = count(tampered, Verdict.NOT_APPLICABLE);
    long rejected = count(tampered, Verdict.REJECTED);
    long refused = count(tampered, Verdict.REFUSED_BY_CONTAINER);
    long accepted = count(tampered, Verdict.TAMPERED_ACCEPTED);
    long errors = count(tampered, Verdict.ERROR);
    long badControls = controls.stream().filter(c -> c.verdict().isFailure()).count();
    StringBuilder s =
        new StringBuilder().append(rejected + refused).append('/').append(tampered.size() - na);
    if (refused > 0) {
      s.append(" c").append(refused);
    }
    if (na > 0) {
      s.append(" n").append(na);
    }
    if (accepted > 0) {
      s.append(" A").append(accepted);
    }
    if (badControls > 0) {
      s.append(" X").append(badControls);
    }
    if (errors > 0) {
      s.append(" E").append(errors);
    }
    return s.toString();
  }

  private static long count(List<Cell> cells, Verdict verdict) {
    return cells.stream().filter(c -> c.verdict() == verdict).count();
  }

  private List<String> tamperSenders() {
    Set<String> senders = new LinkedHashSet<>();
    for (Cell c : result.cells()) {
      if (c.kind().equals("tamper")) {
        senders.add(c.client());
      }
    }
    return new ArrayList<>(senders);
  }

  private String time(String client) {
    Duration d = result.times().get(client);
    return d == null ? "" : String.format("%.1f s", d.toMillis() / 1000.0);
  }

  // ------------------------------------------------------------------ text

  /**
   * The fixed-width figure, for the build log.
   *
   * @return the text
   */
  public String text() {
    List<List<String>> corpusRows = new ArrayList<>();
    for (String client : result.clients()) {
      List<String> row = new ArrayList<>();
      row.add(client);
      for (Target t : result.targets()) {
        row.add(corpusCell(client, t));
      }
      row.add(time(client));
      corpusRows.add(row);
    }
    List<List<String>> tamperRows = new ArrayList<>();
    for (String sender : tamperSenders()) {
      List<String> row = new ArrayList<>();
      row.add(sender);
      for (Target t : result.targets()) {
        row.add(tamperCell(sender, t));
      }
      row.add(time(sender));
      tamperRows.add(row);
    }
    List<String> header = new ArrayList<>();
    header.add("client \\ server");
    result.targets().forEach(t -> header.add(t.name() + (t.h2c() ? " (h2c)" : "")));
    header.add("time");
    List<List<String>> all = new ArrayList<>(corpusRows);
    all.addAll(tamperRows);
    all.add(header);
    int[] widths = new int[header.size()];
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder s = new StringBuilder();
    String rule = "=".repeat(Math.max(40, sum(widths) + 2 * widths.length));
    s.append(rule).append('\n');
    s.append("COMPATIBILITY MATRIX: ").append(result.title()).append('\n');
    s.append(rule).append('\n');
    s.append("Accepted corpus: ")
        .append(result.corpus().size())
        .append(" requests per client and server. Cell: accepted/total;")
        .append(" rN refused by the container (allow-listed), nN not applicable, FN failures;")
        .append(" h2 / 1.1-fallback: the HTTP version that answered.\n\n");
    row(s, header, widths);
    row(s, dashes(widths), widths);
    corpusRows.forEach(r -> row(s, r, widths));
    s.append("\nTamper corpus: ")
        .append(result.tamper().size())
        .append(" cases, each after its control (the signed spelling, which must be accepted).")
        .append(" Cell: rejected/sent; cN of them refused by the container, nN not applicable,")
        .append(" AN tampered accepted, XN controls not accepted, EN errors.\n\n");
    row(s, header, widths);
    row(s, dashes(widths), widths);
    tamperRows.forEach(r -> row(s, r, widths));
    s.append('\n').append(totals()).append('\n');
    s.append(lists());
    return s.toString();
  }

  private static int sum(int[] widths) {
    int total = 0;
    for (int w : widths) {
      total += w;
    }
    return total;
  }

  private static List<String> dashes(int[] widths) {
    List<String> d = new ArrayList<>();
    for (int w : widths) {
      d.add("-".repeat(w));
    }
    return d;
  }

  private static void row(StringBuilder s, List<String> cells, int[] widths) {
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      s.append(cell).append(" ".repeat(widths[i] - cell.length() + 2));
    }
    s.setLength(s.length() - 2);
    s.append('\n');
  }

  private String totals() {
    long failures = result.failures().size();
    return String.format(
        "TOTAL corpus: %d accepted, %d refused by the container (allow-listed), %d N/A,"
            + " %d false rejections, %d wrong echoes, %d errors%n"
            + "TOTAL tamper: %d rejected by the library, %d refused by the container, %d N/A,"
            + " %d TAMPERED ACCEPTED, %d errors; controls: %d accepted, %d not accepted%n"
            + "RESULT: %s",
        result.count("corpus", Verdict.ACCEPTED),
        result.count("corpus", Verdict.REFUSED_BY_CONTAINER),
        result.count("corpus", Verdict.NOT_APPLICABLE),
        result.count("corpus", Verdict.FALSE_REJECTION),
        result.count("corpus", Verdict.WRONG_ECHO),
        result.count("corpus", Verdict.ERROR),
        result.count("tamper", Verdict.REJECTED),
        result.count("tamper", Verdict.REFUSED_BY_CONTAINER),
        result.count("tamper", Verdict.NOT_APPLICABLE),
        result.count("tamper", Verdict.TAMPERED_ACCEPTED),
        result.count("tamper", Verdict.ERROR),
        result.count("control", Verdict.ACCEPTED),
        result.cells().stream()
            .filter(c -> c.kind().equals("control") && c.verdict().isFailure())
            .count(),
        failures == 0 ? "0 failures" : failures + " FAILURE(S), listed below");
  }

  /** Refusals per server, N/A per client, tamper rejections by code, failures. */
  private String lists() {
    StringBuilder s = new StringBuilder();
    s.append("\nContainer refusals (allow-listed, answered before any filter ran):\n");
    Map<String, List<Cell>> refusals = group("corpus", Verdict.REFUSED_BY_CONTAINER);
    if (refusals.isEmpty()) {
      s.append("  none\n");
    }
    refusals.forEach(
        (key, cells) ->
            s.append("  ")
                .append(key)
                .append(" -> ")
                .append(cells.get(0).status())
                .append(", ")
                .append(cells.size())
                .append(" client(s): ")
                .append(cells.get(0).detail())
                .append('\n'));
    for (Target t : result.targets()) {
      for (String request : t.refusals().keySet()) {
        boolean used =
            result.cells().stream()
                .anyMatch(
                    c ->
                        c.target().equals(t.name())
                            && c.request().equals(request)
                            && c.verdict() == Verdict.REFUSED_BY_CONTAINER);
        if (!used) {
          s.append("  (allow-list entry not needed: ")
              .append(t.name())
              .append(' ')
              .append(request)
              .append(" was accepted)\n");
        }
      }
    }
    s.append("Not applicable:\n");
    Map<String, Set<String>> na = new TreeMap<>();
    for (Cell c : result.cells()) {
      if (c.verdict() == Verdict.NOT_APPLICABLE) {
        na.computeIfAbsent(c.client() + ": " + c.detail(), k -> new LinkedHashSet<>())
            .add(c.kind().equals("corpus") ? c.request() : c.kind() + " " + c.request());
      }
    }
    if (na.isEmpty()) {
      s.append("  none\n");
    }
    na.forEach(
        (reason, requests) ->
            s.append("  ").append(reason).append(" -> ").append(requests).append('\n'));
    s.append("Tamper cases refused by the container (not by the library):\n");
    Map<String, List<Cell>> tamperRefused = group("tamper", Verdict.REFUSED_BY_CONTAINER);
    if (tamperRefused.isEmpty()) {
      s.append("  none\n");
    }
    tamperRefused.forEach(
        (key, cells) ->
            s.append("  ")
                .append(key)
                .append(" -> ")
                .append(cells.get(0).status())
                .append(" (")
                .append(cells.size())
                .append(" sender(s))\n"));
    Map<String, Long> codes =
        result.cells().stream()
            .filter(c -> c.kind().equals("tamper") && c.verdict() == Verdict.REJECTED)
            .collect(
                Collectors.groupingBy(
                    c -> c.status() + " " + (c.code() == null ? "(HMAC challenge)" : c.code()),
                    TreeMap::new,
                    Collectors.counting()));
    s.append("Tamper rejections by answer: ").append(codes).append('\n');
    List<Cell> retried =
        result.cells().stream()
            .filter(
                c -> c.detail() != null && c.detail().contains(CompatibilityMatrix.SECOND_ATTEMPT))
            .toList();
    s.append("Sent twice (no response to the first attempt): ").append(retried.size()).append('\n');
    retried.forEach(c -> s.append("  ").append(c.describe()).append('\n'));
    List<Cell> failures = result.failures();
    s.append("Failures: ").append(failures.size()).append('\n');
    failures.forEach(c -> s.append("  ").append(c.describe()).append('\n'));
    return s.toString();
  }

  private Map<String, List<Cell>> group(String kind, Verdict verdict) {
    Map<String, List<Cell>> groups = new LinkedHashMap<>();
    for (Cell c : result.cells()) {
      if (c.kind().equals(kind) && c.verdict() == verdict) {
        groups.computeIfAbsent(c.target() + " " + c.request(), k -> new ArrayList<>()).add(c);
      }
    }
    return groups;
  }

  // ------------------------------------------------------------------ Markdown and JSON

  /**
   * The figure as Markdown tables.
   *
   * @return the Markdown
   */
  public String markdown() {
    StringBuilder s = new StringBuilder();
    s.append("# Compatibility matrix: ").append(result.title()).append("\n\n");
    s.append("Accepted corpus, ")
        .append(result.corpus().size())
        .append(" requests. Cell: accepted/total; rN refused by the container (allow-listed),")
        .append(" nN not applicable, FN failures; h2 / 1.1-fallback: the HTTP version that")
        .append(" answered.\n\n");
    mdHeader(s);
    for (String client : result.clients()) {
      s.append("| ").append(client);
      for (Target t : result.targets()) {
        s.append(" | ").append(corpusCell(client, t));
      }
      s.append(" | ").append(time(client)).append(" |\n");
    }
    s.append("\nTamper corpus, ")
        .append(result.tamper().size())
        .append(" cases. Cell: rejected/sent; cN refused by the container, nN not applicable,")
        .append(" AN tampered accepted, XN controls not accepted, EN errors.\n\n");
    mdHeader(s);
    for (String sender : tamperSenders()) {
      s.append("| ").append(sender);
      for (Target t : result.targets()) {
        s.append(" | ").append(tamperCell(sender, t));
      }
      s.append(" | ").append(time(sender)).append(" |\n");
    }
    s.append("\n```\n").append(totals()).append('\n').append(lists()).append("```\n");
    s.append("\n## Corpus\n\n| request | method | path and query | summary |\n|---|---|---|---|\n");
    for (MatrixRequest r : result.corpus()) {
      s.append("| ")
          .append(r.name())
          .append(" | ")
          .append(r.method())
          .append(" | `")
          .append(r.path())
          .append(r.query() == null ? "" : "?" + r.query())
          .append("` | ")
          .append(r.summary().replace("|", "\\|"))
          .append(" |\n");
    }
    s.append("\n## Tamper corpus\n\n| case | distinction |\n|---|---|\n");
    for (TamperCase t : result.tamper()) {
      s.append("| ").append(t.name()).append(" | ").append(t.distinction()).append(" |\n");
    }
    return s.toString();
  }

  private void mdHeader(StringBuilder s) {
    s.append("| client \\ server");
    result.targets().forEach(t -> s.append(" | ").append(t.name()).append(t.h2c() ? " (h2c)" : ""));
    s.append(" | time |\n|---");
    result.targets().forEach(t -> s.append("|---"));
    s.append("|---|\n");
  }

  /**
   * Every cell, the targets and the times, as JSON.
   *
   * @return the JSON tree
   */
  public ObjectNode json() {
    ObjectNode root = JSON.createObjectNode();
    root.put("title", result.title());
    ArrayNode targets = root.putArray("targets");
    for (Target t : result.targets()) {
      ObjectNode o = targets.addObject();
      o.put("name", t.name());
      o.put("echoBase", t.echoBase().toString());
      o.put("h2c", t.h2c());
      ObjectNode refusals = o.putObject("allowedRefusals");
      t.refusals()
          .forEach(
              (request, r) ->
                  refusals.putObject(request).put("status", r.status()).put("reason", r.reason()));
    }
    ObjectNode times = root.putObject("millis");
    result.times().forEach((client, d) -> times.put(client, d.toMillis()));
    ObjectNode totals = root.putObject("totals");
    for (String kind : List.of("corpus", "control", "tamper")) {
      ObjectNode k = totals.putObject(kind);
      for (Verdict v : Verdict.values()) {
        long n = result.count(kind, v);
        if (n > 0) {
          k.put(v.name(), n);
        }
      }
    }
    root.put("failures", result.failures().size());
    ArrayNode cells = root.putArray("cells");
    for (Cell c : result.cells()) {
      ObjectNode o = cells.addObject();
      o.put("kind", c.kind());
      o.put("client", c.client());
      o.put("target", c.target());
      o.put("request", c.request());
      o.put("verdict", c.verdict().name());
      o.put("status", c.status());
      if (c.code() != null) {
        o.put("code", c.code());
      }
      if (c.protocol() != null) {
        o.put("protocol", c.protocol());
      }
      if (c.detail() != null) {
        o.put("detail", c.detail());
      }
    }
    return root;
  }
}
