package dev.hmacsigned.it.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hmacsigned.core.Algorithm;
import dev.hmacsigned.it.ContractKeys;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs the compatibility matrix: every request of the {@link Corpus} from every client to every
 * target, then the {@link TamperCorpus} with the JDK {@code HttpClient} and a raw socket.
 *
 * <pre>{@code
 * try (MatrixClients clients = MatrixClients.standard(repoRoot, runtimesDir, logDir)) {
 *   MatrixResult result =
 *       CompatibilityMatrix.builder("embedded runtimes")
 *           .targets(targets)
 *           .clients(clients.all())
 *           .keys(ContractKeys.ORDERS, ContractKeys.ADMIN)
 *           .build()
 *           .run();
 *   MatrixReport.of(result).print(System.out).write(Path.of("target"));
 *   result.assertNoFailure();
 * }
 * }</pre>
 *
 * <p>A corpus request counts as accepted only with status 200 and an echo saying that the
 * application saw the method and the exact body bytes that were sent, as the key's principal.
 * Anything else is a false rejection, unless the target's allow-list names that request and the
 * container's answer has the listed status, no problem {@code code} and no HMAC challenge. A
 * tampered request counts as rejected with a 401 carrying a problem {@code code}, or as refused by
 * the container with a 4xx that has none; each tamper case's control, the signed spelling sent as
 * signed, must be accepted.
 */
public final class CompatibilityMatrix {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The start of the detail of a cell whose request was sent twice. */
  static final String SECOND_ATTEMPT = "second attempt; the first got no response: ";

  private final String title;
  private final List<Target> targets;
  private final List<ClientDriver> clients;
  private final Map<Algorithm, ContractKeys.Key> keys;
  private final List<MatrixRequest> corpus;
  private final List<TamperCase> tamper;

  private CompatibilityMatrix(Builder b) {
    this.title = b.title;
    this.targets = List.copyOf(b.targets);
    this.clients = List.copyOf(b.clients);
    this.keys = Map.copyOf(b.keys);
    this.corpus = List.copyOf(b.corpus);
    this.tamper = List.copyOf(b.tamper);
  }

  /**
   * Starts a matrix.
   *
   * @param title names the run in the report, for example {@code embedded runtimes}
   * @return a builder
   */
  public static Builder builder(String title) {
    return new Builder(title);
  }

  /**
   * Runs the matrix: one client after another (each client's column is timed), then the tamper
   * corpus.
   *
   * @return the result
   * @throws Exception if a client itself broke
   */
  public MatrixResult run() throws Exception {
    List<Cell> cells = new ArrayList<>();
    Map<String, Duration> times = new LinkedHashMap<>();
    for (ClientDriver client : clients) {
      if (client instanceof JsonLinesClient next) {
        next.start();
      }
    }
    for (ClientDriver client : clients) {
      long start = System.nanoTime();
      List<Call> calls = new ArrayList<>();
      for (Target target : targets) {
        for (MatrixRequest request : corpus) {
          Optional<String> na =
              target.exclusions().containsKey(client.name())
                  ? Optional.of(target.name() + ": " + target.exclusions().get(client.name()))
                  : client.notApplicable(request, target);
          if (na.isPresent()) {
            cells.add(
                new Cell(
                    "corpus",
                    client.name(),
                    target.name(),
                    request.name(),
                    Verdict.NOT_APPLICABLE,
                    -1,
                    null,
                    null,
                    na.get()));
          } else {
            calls.add(new Call(target, request, key(request)));
          }
        }
      }
      List<Reply> replies = new ArrayList<>(client.send(calls));
      // A request that got no response at all (a keep-alive connection the server had closed, say)
      // is sent once more, freshly signed, as an HTTP client would; a timeout is not.
      List<Integer> again = new ArrayList<>();
      for (int i = 0; i < calls.size(); i++) {
        Reply r = replies.get(i);
        if (r.status() < 0 && !r.error().toLowerCase(java.util.Locale.ROOT).contains("time")) {
          again.add(i);
        }
      }
      Map<Integer, String> firstErrors = new LinkedHashMap<>();
      if (!again.isEmpty()) {
        List<Reply> second = client.send(again.stream().map(calls::get).toList());
        for (int j = 0; j < again.size(); j++) {
          firstErrors.put(again.get(j), replies.get(again.get(j)).error());
          replies.set(again.get(j), second.get(j));
        }
      }
      for (int i = 0; i < calls.size(); i++) {
        Cell c = corpusCell(client.name(), calls.get(i), replies.get(i));
        if (firstErrors.containsKey(i)) {
          String retried = SECOND_ATTEMPT + firstErrors.get(i);
          c =
              new Cell(
                  c.kind(),
                  c.client(),
                  c.target(),
                  c.request(),
                  c.verdict(),
                  c.status(),
                  c.code(),
                  c.protocol(),
                  c.detail() == null ? retried : c.detail() + "; " + retried);
        }
        cells.add(c);
      }
      client.close();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      times.put(client.name(), took);
      System.out.printf(
          "MATRIX %s: %s done in %d ms (%d requests)%n",
          title, client.name(), took.toMillis(), calls.size());
    }
    for (TamperSender sender : List.of(TamperSender.jdk(), TamperSender.raw())) {
      long start = System.nanoTime();
      for (Target target : targets) {
        for (TamperCase t : tamper) {
          Optional<String> na = sender.notApplicable(t);
          if (na.isPresent()) {
            for (String kind : List.of("control", "tamper")) {
              cells.add(
                  new Cell(
                      kind,
                      sender.name(),
                      target.name(),
                      t.name(),
                      Verdict.NOT_APPLICABLE,
                      -1,
                      null,
                      null,
                      na.get()));
            }
            continue;
          }
          ContractKeys.Key key = key(t.signed());
          MatrixRequest control = t.control();
          Reply controlReply =
              onceMoreIfUnanswered(
                  () -> sender.send(target, control, control, false, key),
                  "control " + sender.name() + " -> " + target.name() + " " + t.name());
          Call controlCall = new Call(target, control, key);
          Cell c = corpusCell(sender.name(), controlCall, controlReply);
          cells.add(
              new Cell(
                  "control",
                  c.client(),
                  c.target(),
                  t.name(),
                  c.verdict(),
                  c.status(),
                  c.code(),
                  c.protocol(),
                  c.detail()));
          Reply tampered =
              onceMoreIfUnanswered(
                  () -> sender.send(target, t.signed(), t.sent(), t.changesHost(), key),
                  "tamper " + sender.name() + " -> " + target.name() + " " + t.name());
          cells.add(tamperCell(sender.name(), target, t, tampered));
        }
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      times.put(sender.name(), took);
      System.out.printf("MATRIX %s: %s done in %d ms%n", title, sender.name(), took.toMillis());
    }
    return new MatrixResult(
        title,
        targets,
        clients.stream().map(ClientDriver::name).toList(),
        corpus,
        tamper,
        cells,
        times);
  }

  private ContractKeys.Key key(MatrixRequest request) {
    return Objects.requireNonNull(
        keys.get(request.algorithm()), "no key for " + request.algorithm() + " in the matrix");
  }

  /** The verdict on a corpus request (or a tamper case's control). */
  static Cell corpusCell(String client, Call call, Reply reply) {
    MatrixRequest r = call.request();
    Target t = call.target();
    if (reply.status() < 0) {
      return cell(
          "corpus", client, call, Verdict.ERROR, reply, null, "no response: " + reply.error());
    }
    String code = problemCode(reply);
    if (reply.status() == 200) {
      String wrong = wrongEcho(call, reply);
      return wrong == null
          ? cell("corpus", client, call, Verdict.ACCEPTED, reply, null, null)
          : cell("corpus", client, call, Verdict.WRONG_ECHO, reply, null, wrong);
    }
    Target.Refusal refusal = t.refusals().get(r.name());
    if (refusal != null
        && refusal.status() == reply.status()
        && code == null
        && !hasHmacChallenge(reply)) {
      return cell(
          "corpus", client, call, Verdict.REFUSED_BY_CONTAINER, reply, null, refusal.reason());
    }
    String detail =
        code != null
            ? null
            : hasHmacChallenge(reply)
                ? "HMAC challenge, no body"
                : "no problem code: " + snippet(reply);
    if (reply.status() >= 500) {
      return cell("corpus", client, call, Verdict.ERROR, reply, code, detail);
    }
    return cell("corpus", client, call, Verdict.FALSE_REJECTION, reply, code, detail);
  }

  /** The verdict on a tampered request. */
  static Cell tamperCell(String sender, Target target, TamperCase t, Reply reply) {
    Call call = new Call(target, t.sent(), null);
    if (reply.status() < 0) {
      return cell(
          "tamper", sender, call, Verdict.ERROR, reply, null, "no response: " + reply.error());
    }
    String code = problemCode(reply);
    Verdict verdict;
    String detail = null;
    Target.Refusal refusal = target.refusals().get(t.name());
    if (reply.status() >= 200 && reply.status() < 300) {
      verdict = Verdict.TAMPERED_ACCEPTED;
      detail = t.distinction();
    } else if (refusal != null
        && refusal.status() == reply.status()
        && code == null
        && !hasHmacChallenge(reply)) {
      verdict = Verdict.REFUSED_BY_CONTAINER;
      detail = refusal.reason();
    } else if (reply.status() == 401 && (code != null || hasHmacChallenge(reply))) {
      verdict = Verdict.REJECTED;
    } else if (reply.status() >= 400
        && reply.status() < 500
        && code == null
        && !hasHmacChallenge(reply)) {
      verdict = Verdict.REFUSED_BY_CONTAINER;
      detail = "container answer: " + snippet(reply);
    } else {
      verdict = Verdict.ERROR;
      detail = snippet(reply);
    }
    return cell("tamper", sender, call, verdict, reply, code, detail);
  }

  private static Cell cell(
      String kind,
      String client,
      Call call,
      Verdict verdict,
      Reply reply,
      String code,
      String detail) {
    return new Cell(
        kind,
        client,
        call.target().name(),
        call.request().name(),
        verdict,
        reply.status(),
        code,
        reply.protocol(),
        detail);
  }

  /** What is wrong with a 200's echo, or {@code null} when it says what was sent. */
  private static String wrongEcho(Call call, Reply reply) {
    MatrixRequest r = call.request();
    String expected = sha256(r.body());
    String seen = reply.header("X-Body-Sha256");
    if (!expected.equals(seen)) {
      return "X-Body-Sha256 " + seen + ", sent " + expected;
    }
    if (!r.method().equals(reply.header("X-Method"))) {
      return "X-Method " + reply.header("X-Method") + ", sent " + r.method();
    }
    if (call.key() != null && !call.key().principal().equals(reply.header("X-Principal"))) {
      return "X-Principal " + reply.header("X-Principal") + ", expected " + call.key().principal();
    }
    if (!r.method().equals("HEAD")) {
      try {
        JsonNode echo = JSON.readTree(reply.body());
        if (echo == null
            || !expected.equals(echo.path("sha256").asText())
            || echo.path("length").asLong(-1) != r.body().length
            || !r.method().equals(echo.path("method").asText())) {
          return "echo body " + snippet(reply);
        }
      } catch (java.io.IOException e) {
        return "echo body is not JSON: " + snippet(reply);
      }
    }
    return null;
  }

  private static String problemCode(Reply reply) {
    if (reply.body().length == 0) {
      return null;
    }
    try {
      JsonNode body = JSON.readTree(reply.body());
      return body != null && body.hasNonNull("code") ? body.get("code").asText() : null;
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  private static boolean hasHmacChallenge(Reply reply) {
    String challenge = reply.header("WWW-Authenticate");
    return challenge != null && challenge.contains("HMAC-");
  }

  /** The start of a body for the report; of an HTML error page, its text without the markup. */
  static String snippet(Reply reply) {
    String text = new String(reply.body(), java.nio.charset.StandardCharsets.UTF_8).strip();
    if (text.startsWith("<")) {
      text =
          text.replaceAll("(?is)<(style|script|head)[^>]*>.*?</\\1>", " ")
              .replaceAll("<[^>]*>", " ");
    }
    text = text.replaceAll("\\s+", " ").strip();
    return text.length() > 160 ? text.substring(0, 160) + "…" : text.isEmpty() ? "(no body)" : text;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Builds a {@link CompatibilityMatrix}. */
  public static final class Builder {
    private final String title;
    private List<Target> targets = List.of();
    private List<ClientDriver> clients = List.of();
    private final Map<Algorithm, ContractKeys.Key> keys = new LinkedHashMap<>();
    private List<MatrixRequest> corpus = Corpus.accepted();
    private List<TamperCase> tamper = TamperCorpus.cases();

    private Builder(String title) {
      this.title = Objects.requireNonNull(title, "title");
    }

    /**
     * The servers.
     *
     * @param targets the targets, the columns in this order
     * @return this builder
     */
    public Builder targets(List<Target> targets) {
      this.targets = List.copyOf(targets);
      return this;
    }

    /**
     * The clients.
     *
     * @param clients the clients, the rows in this order; the run closes each after its column
     * @return this builder
     */
    public Builder clients(List<ClientDriver> clients) {
      this.clients = List.copyOf(clients);
      return this;
    }

    /**
     * The keys the servers know: one per algorithm the corpus uses.
     *
     * @param keys the keys
     * @return this builder
     */
    public Builder keys(ContractKeys.Key... keys) {
      for (ContractKeys.Key k : keys) {
        this.keys.put(k.algorithm(), k);
      }
      return this;
    }

    /**
     * Replaces the accepted corpus; {@link Corpus#accepted()} by default.
     *
     * @param corpus the requests
     * @return this builder
     */
    public Builder corpus(List<MatrixRequest> corpus) {
      this.corpus = List.copyOf(corpus);
      return this;
    }

    /**
     * Replaces the tamper corpus; {@link TamperCorpus#cases()} by default.
     *
     * @param tamper the cases
     * @return this builder
     */
    public Builder tamper(List<TamperCase> tamper) {
      this.tamper = List.copyOf(tamper);
      return this;
    }

    /**
     * Builds the matrix.
     *
     * @return the matrix
     */
    public CompatibilityMatrix build() {
      if (targets.isEmpty() || clients.isEmpty()) {
        throw new IllegalStateException("A matrix needs at least one target and one client");
      }
      return new CompatibilityMatrix(this);
    }
  }

  /**
   * Sends once, and once more (freshly signed) when the first attempt got no response at all: a
   * keep-alive connection the server had just closed, as for the corpus. A timeout is not retried.
   * Every second attempt is printed, so none is hidden.
   */
  private static Reply onceMoreIfUnanswered(java.util.function.Supplier<Reply> send, String what) {
    Reply first = send.get();
    if (first.status() >= 0
        || first.error() == null
        || first.error().toLowerCase(java.util.Locale.ROOT).contains("time")) {
      return first;
    }
    System.out.printf(
        "MATRIX sent twice: %s (the first got no response: %s)%n", what, first.error());
    return send.get();
  }
}
