package dev.hmacsigned.core;

/**
 * The root of the library's unchecked exceptions. Expected verification failures are not
 * exceptions: they are {@link VerificationResult.Rejected} results. Exceptions signal
 * misconfiguration or an unavailable dependency.
 *
 * <p>Security: messages never contain a secret, a MAC, a canonical string or a body.
 */
public class HmacException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what went wrong and what to do about it
   */
  public HmacException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param message what went wrong and what to do about it
   * @param cause the underlying failure
   */
  public HmacException(String message, Throwable cause) {
    super(message, cause);
  }
}
