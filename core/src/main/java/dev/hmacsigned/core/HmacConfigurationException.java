package dev.hmacsigned.core;

/**
 * The library is configured in a way that cannot work: a weak or malformed key, a missing keys
 * file, an out-of-range setting. Thrown when the configuration is built, never per request.
 */
public final class HmacConfigurationException extends HmacException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what is wrong and how to fix it
   */
  public HmacConfigurationException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param message what is wrong and how to fix it
   * @param cause the underlying failure
   */
  public HmacConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
