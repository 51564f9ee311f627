package dev.hmacsigned.it.matrix;

/** What became of one request of the matrix. */
public enum Verdict {
  /** Accepted corpus request: 200, and the application saw the method and body bytes sent. */
  ACCEPTED(false),
  /** The container answered before any filter ran, as its server's allow-list says. */
  REFUSED_BY_CONTAINER(false),
  /** The client cannot send this request, or the server does not speak its protocol. */
  NOT_APPLICABLE(false),
  /** Tampered request: rejected by the library (401 with a problem {@code code}). */
  REJECTED(false),
  /** A correctly signed request that was not accepted: a failure. */
  FALSE_REJECTION(true),
  /** 200, but the application saw another method, body or principal: a failure. */
  WRONG_ECHO(true),
  /** A tampered request that was accepted: a failure. */
  TAMPERED_ACCEPTED(true),
  /** No response, a server error, or an answer that fits nothing above: a failure. */
  ERROR(true);

  private final boolean failure;

  Verdict(boolean failure) {
    this.failure = failure;
  }

  /**
   * Whether this verdict fails the build.
   *
   * @return true for a failure
   */
  public boolean isFailure() {
    return failure;
  }
}
