package dev.hmacsigned.it.attack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Sends the {@link AttackCorpus} to a server and judges each answer: the documented status and
 * problem {@code code}, or the body delivered byte for byte; a container's own answer only where
 * its {@link ContainerAnswers} allow-list names the attack; never a 5xx, a stack trace or no
 * answer.
 *
 * <pre>{@code
 * AttackTarget target = AttackTarget.echoEndpoint("servlet-tomcat", echoBase, 10 << 20,
 *     ContainerAnswers.of("servlet-tomcat"));
 * return AttackRunner.tests(target); // from a @TestFactory: one dynamic test per attack
 * }</pre>
 */
public final class AttackRunner {
  /** How often a second-sensitive attack is sent when its reply crosses a second. */
  private static final int ATTEMPTS = 4;

  private AttackRunner() {}

  /**
   * How an attack went.
   *
   * @param attack the attack
   * @param verdict the verdict
   * @param detail what was answered, or what was wrong
   */
  public record Result(Attack attack, Verdict verdict, String detail) {}

  /** The verdict on an attack. */
  public enum Verdict {
    /** The documented answer. */
    AS_DOCUMENTED,
    /** The container answered first, as its allow-list says it does. */
    ANSWERED_BY_CONTAINER,
    /** Anything else. */
    FAILED
  }

  /**
   * One dynamic test per attack, named {@code <category>: <name> (<what it tries>)}, then one that
   * prints the server's summary line ({@code ATTACKS <server>: ...}) and checks that at least 60
   * attacks ran.
   *
   * @param target the server
   * @return the tests
   */
  public static Stream<DynamicTest> tests(AttackTarget target) {
    List<Result> results = new CopyOnWriteArrayList<>();
    Stream<DynamicTest> attacks =
        AttackCorpus.all().stream()
            .map(
                attack ->
                    DynamicTest.dynamicTest(
                        attack.category().name().toLowerCase(java.util.Locale.ROOT)
                            + ": "
                            + attack.name()
                            + " ("
                            + attack.tries()
                            + ")",
                        () -> {
                          Result r = run(attack, target);
                          results.add(r);
                          if (r.verdict() == Verdict.FAILED) {
                            throw new AssertionError(
                                target.name() + ", " + attack.name() + ": " + r.detail());
                          }
                        }));
    DynamicTest summary =
        DynamicTest.dynamicTest(
            "summary",
            () -> {
              System.out.println(summary(target, results));
              if (results.size() < 60) {
                throw new AssertionError(
                    "issue 11 asks for at least 60 hostile requests; " + results.size() + " ran");
              }
            });
    return Stream.concat(attacks, Stream.of(summary));
  }

  /**
   * The summary line of a run, then one line per container answer.
   *
   * @param target the server
   * @param results the results
   * @return the text
   */
  public static String summary(AttackTarget target, List<Result> results) {
    long documented = results.stream().filter(r -> r.verdict() == Verdict.AS_DOCUMENTED).count();
    long container =
        results.stream().filter(r -> r.verdict() == Verdict.ANSWERED_BY_CONTAINER).count();
    long failed = results.stream().filter(r -> r.verdict() == Verdict.FAILED).count();
    StringBuilder text =
        new StringBuilder(
            String.format(
                "ATTACKS %s: %d hostile requests, %d answered as documented, %d by the container"
                    + " (allow-listed), %d failed",
                target.name(), results.size(), documented, container, failed));
    for (Result r : results) {
      if (r.verdict() != Verdict.AS_DOCUMENTED) {
        text.append(String.format("%n  %s %s: %s", r.verdict(), r.attack().name(), r.detail()));
      }
    }
    return text.toString();
  }

  /**
   * Sends one attack and judges the answers.
   *
   * @param attack the attack
   * @param target the server
   * @return the result
   */
  public static Result run(Attack attack, AttackTarget target) {
    String crossed = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Instant now = attack.secondSensitive() ? startOfASecond() : Instant.now();
      List<Wire> wires = attack.plan().wires(target, now);
      List<WireReply> replies = send(attack, target, wires);
      if (attack.sending() == Attack.Sending.ONE && isReset(replies.get(0))) {
        // A server that answers before it has read the whole body (413) and closes may reset the
        // connection, and the reset can discard its answer before the client reads it: sent once
        // more, freshly signed, and printed, so that no second attempt is hidden.
        System.out.printf(
            "ATTACK sent twice: %s %s (the first: %s)%n",
            target.name(), attack.name(), replies.get(0).error());
        wires = attack.plan().wires(target, now);
        replies = send(attack, target, wires);
      }
      if (attack.secondSensitive() && Instant.now().getEpochSecond() != now.getEpochSecond()) {
        // The server may have read its clock in the next second: this attempt proves nothing.
        crossed = "attempt " + attempt + " crossed a second";
        continue;
      }
      return judge(attack, target, wires, replies);
    }
    return new Result(attack, Verdict.FAILED, "every attempt crossed a second: " + crossed);
  }

  private static List<WireReply> send(Attack attack, AttackTarget target, List<Wire> wires) {
    return switch (attack.sending()) {
      case TOGETHER -> Wire.sendTogether(wires, target.host(), target.port());
      case ONE, IN_TURN -> {
        List<WireReply> replies = new ArrayList<>();
        for (Wire w : wires) {
          replies.add(w.send(target.host(), target.port()));
        }
        yield replies;
      }
    };
  }

  static Result judge(
      Attack attack, AttackTarget target, List<Wire> wires, List<WireReply> replies) {
    Optional<ContainerAnswers.Answer> allowed = target.answers().forAttack(attack.name());
    if (allowed.isPresent() && replies.size() == 1) {
      Optional<Result> byContainer =
          byContainer(attack, target, wires.get(0), replies.get(0), allowed.get());
      if (byContainer.isPresent()) {
        return byContainer.get();
      }
    }
    if (attack.expected() instanceof Expected.RejectedOrClosed
        && Expected.RejectedOrClosed.closed(replies.get(0))) {
      return new Result(
          attack, Verdict.AS_DOCUMENTED, "connection closed: " + replies.get(0).error());
    }
    for (WireReply r : replies) {
      Optional<String> broken = broken(r);
      if (broken.isPresent()) {
        return new Result(attack, Verdict.FAILED, broken.get());
      }
    }
    Optional<String> mismatch = attack.expected().mismatch(target, wires, replies);
    if (mismatch.isEmpty()) {
      return new Result(attack, Verdict.AS_DOCUMENTED, describe(replies));
    }
    return new Result(attack, Verdict.FAILED, mismatch.get());
  }

  /**
   * The container's answer, when the reply is exactly what the allow-list says: a refusal with its
   * status, no problem code and no HMAC challenge (and no exception, unless listed as the
   * container's error report), a rewrite accepted with the body intact, or the library's rejection
   * of a request the container altered, with its code.
   */
  private static Optional<Result> byContainer(
      Attack attack, AttackTarget target, Wire wire, WireReply r, ContainerAnswers.Answer answer) {
    String reason = r.status() + ": " + answer.reason();
    if (answer.libraryCode() != null) {
      if (r.status() == answer.status()
          && answer.libraryCode().equals(r.problemCode())
          && !hasStackTrace(r)) {
        return Optional.of(new Result(attack, Verdict.ANSWERED_BY_CONTAINER, reason));
      }
      return Optional.empty();
    }
    if (answer.rewrite()) {
      AttackTarget.Role role = wire.endpoint();
      if (role != null && target.wrongProof(role, wire, r, true).isEmpty()) {
        return Optional.of(new Result(attack, Verdict.ANSWERED_BY_CONTAINER, reason));
      }
      return Optional.empty();
    }
    if (r.status() == answer.status()
        && r.problemCode() == null
        && !r.hasHmacChallenge()
        && (answer.errorReport() || !hasStackTrace(r))) {
      return Optional.of(new Result(attack, Verdict.ANSWERED_BY_CONTAINER, reason));
    }
    return Optional.empty();
  }

  private static boolean hasStackTrace(WireReply r) {
    String text = r.text();
    return text.contains("Exception") || text.contains("\tat ") || text.contains("at java.");
  }

  /** What no hostile request may get: no answer, a server error, a stack trace. */
  private static Optional<String> broken(WireReply r) {
    if (r.status() < 0) {
      return Optional.of("no answer: " + r.error());
    }
    if (r.status() >= 500) {
      return Optional.of("a server error: " + r.describe());
    }
    if (hasStackTrace(r)) {
      return Optional.of("a stack trace or exception in the answer: " + r.describe());
    }
    return Optional.empty();
  }

  private static String describe(List<WireReply> replies) {
    List<String> each = new ArrayList<>();
    for (WireReply r : replies) {
      String code = r.problemCode();
      each.add(r.status() + (code == null ? "" : " " + code));
    }
    return String.join(", ", each);
  }

  private static boolean isReset(WireReply reply) {
    return reply.status() < 0
        && reply.error() != null
        && reply.error().toLowerCase(java.util.Locale.ROOT).contains("connection reset");
  }

  /** Waits, if need be, so that at least 0.7 s of the current second is left, and returns now. */
  private static Instant startOfASecond() {
    Instant now = Instant.now();
    if (now.getNano() > 300_000_000) {
      try {
        Thread.sleep((1_000_000_000L - now.getNano()) / 1_000_000 + 5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      now = Instant.now();
    }
    return now;
  }
}
