package dev.hmacsigned.it.matrix;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a run of the {@link CompatibilityMatrix} found: one {@link Cell} per request, client and
 * server, and the wall time of each client's column.
 *
 * @param title names the run
 * @param targets the servers, the columns
 * @param clients the clients' names, the rows
 * @param corpus the accepted corpus that was sent
 * @param tamper the tamper corpus that was sent
 * @param cells every request's verdict
 * @param times the wall time of each client's column and of each tamper sender
 */
public record MatrixResult(
    String title,
    List<Target> targets,
    List<String> clients,
    List<MatrixRequest> corpus,
    List<TamperCase> tamper,
    List<Cell> cells,
    Map<String, Duration> times) {

  /** Copies everything. */
  public MatrixResult {
    targets = List.copyOf(targets);
    clients = List.copyOf(clients);
    corpus = List.copyOf(corpus);
    tamper = List.copyOf(tamper);
    cells = List.copyOf(cells);
    times = Map.copyOf(times);
  }

  /**
   * The cells of one kind, client and target.
   *
   * @param kind {@code corpus}, {@code control} or {@code tamper}
   * @param client the client or tamper sender
   * @param target the target's name
   * @return the cells
   */
  public List<Cell> cells(String kind, String client, String target) {
    return cells.stream()
        .filter(
            c -> c.kind().equals(kind) && c.client().equals(client) && c.target().equals(target))
        .toList();
  }

  /**
   * How many cells of a kind have a verdict.
   *
   * @param kind the kind
   * @param verdict the verdict
   * @return the count
   */
  public long count(String kind, Verdict verdict) {
    return cells.stream().filter(c -> c.kind().equals(kind) && c.verdict() == verdict).count();
  }

  /**
   * Every failure: false rejections, wrong echoes, tampered requests accepted, errors.
   *
   * @return the failing cells
   */
  public List<Cell> failures() {
    return cells.stream().filter(c -> c.verdict().isFailure()).toList();
  }

  /**
   * Fails with every failure listed, if there is one.
   *
   * @throws AssertionError if a correctly signed request was not accepted, a tampered one was
   *     accepted, or a request got no proper answer
   */
  public void assertNoFailure() {
    List<Cell> failures = failures();
    List<Cell> notHttp2 = http1AnswersToHttp2Clients();
    if (!failures.isEmpty() || !notHttp2.isEmpty()) {
      throw new AssertionError(
          "Compatibility matrix "
              + title
              + ": "
              + failures.size()
              + " failure(s)\n"
              + failures.stream().map(Cell::describe).collect(Collectors.joining("\n"))
              + (notHttp2.isEmpty()
                  ? ""
                  : "\nHTTP/2 clients answered over HTTP/1.1 by servers that serve h2c:\n"
                      + notHttp2.stream().map(Cell::describe).collect(Collectors.joining("\n"))));
    }
  }

  /**
   * Requests of an HTTP/2 client (its name says {@code h2}) to a server that serves h2c, answered
   * over HTTP/1.1: then h2c was not tested, whatever the verdict.
   *
   * @return those cells
   */
  public List<Cell> http1AnswersToHttp2Clients() {
    List<String> h2cTargets = targets.stream().filter(Target::h2c).map(Target::name).toList();
    return cells.stream()
        .filter(
            c ->
                c.kind().equals("corpus")
                    && c.client().contains("h2")
                    && h2cTargets.contains(c.target())
                    && c.protocol() != null
                    && !c.protocol().equals("HTTP/2"))
        .toList();
  }
}
