package dev.hmacsigned.it.matrix;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A server the matrix runs against: where its echo endpoint is, whether it speaks h2c, and the
 * allow-list of corpus requests its container refuses before any filter runs.
 *
 * @param name a short name, a column of the matrix
 * @param echoBase the echo endpoint's base, without a trailing {@code /}, for example {@code
 *     http://127.0.0.1:41234/ctx/api/m}
 * @param h2c whether it serves HTTP/2 over cleartext on the same port (upgrade and prior knowledge)
 * @param refusals corpus request or tamper case name to the refusal its container answers, each
 *     with its reason
 * @param exclusions client name to the reason that client cannot be used with this server at all
 */
public record Target(
    String name,
    URI echoBase,
    boolean h2c,
    Map<String, Refusal> refusals,
    Map<String, String> exclusions) {

  /** Copies the allow-lists. */
  public Target {
    if (echoBase.toString().endsWith("/")) {
      throw new IllegalArgumentException(name + ": the echo base must not end in /");
    }
    refusals = Map.copyOf(refusals);
    exclusions = Map.copyOf(exclusions);
  }

  /**
   * A target without refusals.
   *
   * @param name a short name
   * @param echoBase the echo base
   * @param h2c whether it serves h2c
   * @return the target
   */
  public static Target of(String name, URI echoBase, boolean h2c) {
    return new Target(name, echoBase, h2c, Map.of(), Map.of());
  }

  /**
   * The same target with one more allowed container refusal.
   *
   * @param request the corpus request's or tamper case's name
   * @param status the status the container answers
   * @param reason why: the container's rule, as documented or observed
   * @return the target
   */
  public Target refuses(String request, int status, String reason) {
    if (Corpus.accepted().stream().noneMatch(r -> r.name().equals(request))
        && TamperCorpus.cases().stream().noneMatch(t -> t.name().equals(request))) {
      throw new IllegalArgumentException("no corpus request or tamper case is named " + request);
    }
    Map<String, Refusal> more = new LinkedHashMap<>(refusals);
    more.put(request, new Refusal(status, reason));
    return new Target(name, echoBase, h2c, more, exclusions);
  }

  /**
   * The same target with a client that cannot be used with it at all: each of its requests to this
   * server is counted as N/A, with the reason.
   *
   * @param client the client's name (see {@link MatrixClients#NAMES})
   * @param reason why, as observed
   * @return the target
   */
  public Target excludes(String client, String reason) {
    if (!MatrixClients.NAMES.contains(client)) {
      throw new IllegalArgumentException("no client is named " + client);
    }
    Map<String, String> more = new LinkedHashMap<>(exclusions);
    more.put(client, reason);
    return new Target(name, echoBase, h2c, refusals, more);
  }

  /**
   * The port of the echo base.
   *
   * @return the port
   */
  public int port() {
    return echoBase.getPort();
  }

  /**
   * The authority clients send in {@code Host}: {@code 127.0.0.1:<port>}.
   *
   * @return the authority
   */
  public String authority() {
    return echoBase.getRawAuthority();
  }

  /**
   * A refusal a container answers before any filter runs: a status and no problem {@code code}.
   *
   * @param status the status
   * @param reason why the container refuses it
   */
  public record Refusal(int status, String reason) {}
}
