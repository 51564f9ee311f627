package dev.hmacsigned.it.attack;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The documented answer to an attack (protocol v1 §6): a rejection with its status and problem
 * {@code code}, or, for a spelling the protocol treats as the same request, acceptance with the
 * body delivered byte for byte; for several requests, what each gets.
 */
public sealed interface Expected {
  /**
   * What is wrong with the replies, if anything.
   *
   * @param target the server
   * @param wires the requests, as sent
   * @param replies their replies, in the same order
   * @return the mismatch, or empty
   */
  Optional<String> mismatch(AttackTarget target, List<Wire> wires, List<WireReply> replies);

  /**
   * Rejected by the library: the status, a problem document with the code, and for a 401 the
   * challenges of both schemes.
   *
   * @param status the status
   * @param code the problem's {@code code}
   */
  record Rejected(int status, String code) implements Expected {
    @Override
    public Optional<String> mismatch(
        AttackTarget target, List<Wire> wires, List<WireReply> replies) {
      return check(replies.get(0));
    }

    Optional<String> check(WireReply r) {
      if (r.status() != status || !code.equals(r.problemCode())) {
        return Optional.of("expected " + this + ", got " + r.describe());
      }
      String type = r.header("Content-Type");
      if (type == null || !type.startsWith("application/problem+json")) {
        return Optional.of("Content-Type " + type + " for " + r.describe());
      }
      if (status == 401) {
        String challenges = String.join(", ", r.headers("WWW-Authenticate"));
        if (!challenges.contains("HMAC-SHA256 realm=")
            || !challenges.contains("HMAC-SHA512 realm=")) {
          return Optional.of("WWW-Authenticate '" + challenges + "'");
        }
      }
      return Optional.empty();
    }

    @Override
    public String toString() {
      return status + " " + code;
    }
  }

  /**
   * Rejected by the library in answer to a HEAD: the status and the challenges, no body to carry a
   * code.
   *
   * @param status the status
   */
  record RejectedWithoutBody(int status) implements Expected {
    @Override
    public Optional<String> mismatch(
        AttackTarget target, List<Wire> wires, List<WireReply> replies) {
      WireReply r = replies.get(0);
      if (r.status() != status || !r.hasHmacChallenge() || r.body().length != 0) {
        return Optional.of("expected " + this + ", got " + r.describe() + " " + r.headerLines());
      }
      return Optional.empty();
    }

    @Override
    public String toString() {
      return status + " with the HMAC challenges and no body";
    }
  }

  /**
   * For a request whose client stops sending in the middle of the body: rejected as documented when
   * the server can still answer, or the connection closed by a server that takes the end of the
   * input for the client going away. Never a timeout: the server must not wait for bytes that
   * cannot come.
   *
   * @param rejected the rejection, when there is one
   */
  record RejectedOrClosed(Rejected rejected) implements Expected {
    @Override
    public Optional<String> mismatch(
        AttackTarget target, List<Wire> wires, List<WireReply> replies) {
      return rejected.mismatch(target, wires, replies);
    }

    /**
     * Whether a reply is the connection closed without an answer, and not a timeout.
     *
     * @param reply the reply
     * @return whether it is
     */
    static boolean closed(WireReply reply) {
      return reply.status() < 0
          && reply.error() != null
          && !reply.error().startsWith(Wire.NO_ANSWER_WITHIN);
    }

    @Override
    public String toString() {
      return rejected + ", or the connection closed";
    }
  }

  /** Verified, and the body reached the application byte for byte. */
  record Accepted() implements Expected {
    @Override
    public Optional<String> mismatch(
        AttackTarget target, List<Wire> wires, List<WireReply> replies) {
      return check(target, wires.get(0), replies.get(0));
    }

    static Optional<String> check(AttackTarget target, Wire wire, WireReply reply) {
      AttackTarget.Role role = wire.endpoint();
      if (role == null) {
        throw new IllegalStateException(wire + ": an accepted request needs its endpoint named");
      }
      return target
          .wrongProof(role, wire, reply)
          .map(m -> "expected " + new Accepted() + ", got " + m);
    }

    @Override
    public String toString() {
      return "200, the body received byte for byte";
    }
  }

  /**
   * Requests sent at once that share a key and a nonce: exactly one verified, every other rejected
   * as a replay.
   */
  record OneAccepted() implements Expected {
    private static final Rejected REPLAYED = new Rejected(401, "replayed_nonce");

    @Override
    public Optional<String> mismatch(
        AttackTarget target, List<Wire> wires, List<WireReply> replies) {
      int accepted = 0;
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < replies.size(); i++) {
        WireReply r = replies.get(i);
        seen.add(r.status() + " " + r.problemCode());
        if (r.status() == 200) {
          Optional<String> wrong = Accepted.check(target, wires.get(i), r);
          if (wrong.isPresent()) {
            return wrong;
          }
          accepted++;
        } else if (REPLAYED.check(r).isPresent()) {
          return Optional.of("expected " + this + ", got " + seen + "; " + REPLAYED.check(r).get());
        }
      }
      return accepted == 1 ? Optional.empty() : Optional.of("expected " + this + ", got " + seen);
    }

    @Override
    public String toString() {
      return "exactly one 200, every other 401 replayed_nonce";
    }
  }

  /**
   * Requests sent one after another, each with its own expected answer.
   *
   * @param each what each request gets, in order
   */
  record InOrder(List<Expected> each) implements Expected {
    /** Copies the list; only single-request expectations. */
    public InOrder {
      each = List.copyOf(each);
      if (each.stream().anyMatch(e -> e instanceof OneAccepted || e instanceof InOrder)) {
        throw new IllegalArgumentException("one expectation per request");
      }
    }

    @Override
    public Optional<String> mismatch(
        AttackTarget target, List<Wire> wires, List<WireReply> replies) {
      for (int i = 0; i < each.size(); i++) {
        Optional<String> wrong =
            each.get(i).mismatch(target, List.of(wires.get(i)), List.of(replies.get(i)));
        if (wrong.isPresent()) {
          return Optional.of("request " + (i + 1) + " of " + each.size() + ": " + wrong.get());
        }
      }
      return Optional.empty();
    }

    @Override
    public String toString() {
      return each.toString();
    }
  }
}
