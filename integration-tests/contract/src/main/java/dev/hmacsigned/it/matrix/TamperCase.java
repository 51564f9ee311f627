package dev.hmacsigned.it.matrix;

/**
 * A request signed in one spelling and sent in another that the canonical form keeps apart. The
 * server must reject what was sent; and, as a control, it must accept the signed spelling sent as
 * signed (with a signature of its own), so that a rejection proves the distinction and nothing
 * else.
 *
 * @param name a stable name
 * @param distinction what the two spellings differ in, for the report
 * @param signed the request the signature is computed for (sent as is by the control)
 * @param sent the request that goes on the wire with that signature
 * @param changesHost whether the sent {@code Host} is {@code localhost:<port>} instead of the
 *     signed {@code 127.0.0.1:<port>}; only a raw socket can send that
 */
public record TamperCase(
    String name,
    String distinction,
    MatrixRequest signed,
    MatrixRequest sent,
    boolean changesHost) {

  /**
   * The control: the signed spelling, to be accepted.
   *
   * @return the request
   */
  public MatrixRequest control() {
    return signed.named(name + " (control)");
  }
}
