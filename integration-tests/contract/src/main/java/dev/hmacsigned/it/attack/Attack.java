package dev.hmacsigned.it.attack;

import java.time.Instant;
import java.util.List;

/**
 * One hostile request (or a few, sent at once or in turn), as data: its name, what it tries, how to
 * build it for a server, and the documented answer. The {@link AttackCorpus} holds them all; {@link
 * AttackRunner} sends them.
 *
 * @param category the family it belongs to
 * @param name a stable name, unique in the corpus
 * @param tries what it tries, for the report
 * @param plan builds the requests for a server, signed at a given instant
 * @param expected the documented answer
 * @param secondSensitive whether the answer depends on the server's clock reading the same whole
 *     second as the signer's (the window's boundaries): such an attack is signed at the start of a
 *     second and judged only when its reply came within that second, else sent again
 */
public record Attack(
    Category category,
    String name,
    String tries,
    Plan plan,
    Expected expected,
    boolean secondSensitive) {

  /** The families of attacks of issue 11. */
  public enum Category {
    /** Syntax of the {@code Authorization} header, and keys that must not verify. */
    AUTHORIZATION,
    /** Timestamps at the window's boundaries, ±skew and ±skew±1, and far outside. */
    WINDOW,
    /** One nonce used twice: in turn, or raced on several connections and endpoints. */
    NONCE,
    /** Bodies at the limit and one byte over, chunked, smuggled, cut short. */
    BODY,
    /** {@code Content-Digest} repeated, of another body or algorithm, other spellings. */
    CONTENT_DIGEST,
    /** A body trickled slowly. */
    SLOW_BODY,
    /** {@code Expect: 100-continue}, signed and tampered. */
    EXPECT_CONTINUE,
    /** Method overrides, HEAD and GET swapped, a lowercase method. */
    METHOD,
    /** Path spellings: {@code //}, dot segments, {@code %2e}, {@code ;}, {@code %2F}, case. */
    PATH,
    /** Query spellings: parameters added, repeated, removed, reordered, re-encoded. */
    QUERY,
    /** Covered headers removed, repeated, recased, padded, not ASCII; {@code Host} tricks. */
    COVERED_HEADER
  }

  /** Builds an attack's requests for one server. */
  @FunctionalInterface
  public interface Plan {
    /**
     * The requests.
     *
     * @param target the server
     * @param now the instant to sign at (the start of a whole second for second-sensitive attacks)
     * @return one request, or several sent together ({@link Expected.OneAccepted}) or in turn
     *     ({@link Expected.InOrder})
     */
    List<Wire> wires(AttackTarget target, Instant now);
  }

  /**
   * How the requests go: one, several at once, or several in turn.
   *
   * @return the way
   */
  Sending sending() {
    if (expected instanceof Expected.OneAccepted) {
      return Sending.TOGETHER;
    }
    return expected instanceof Expected.InOrder ? Sending.IN_TURN : Sending.ONE;
  }

  /** How an attack's requests go. */
  enum Sending {
    ONE,
    TOGETHER,
    IN_TURN
  }

  @Override
  public String toString() {
    return category + " " + name;
  }
}
