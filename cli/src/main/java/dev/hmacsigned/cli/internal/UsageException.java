package dev.hmacsigned.cli.internal;

/**
 * A command cannot do what it was asked: a bad option value, a file it cannot use. Exit status 2,
 * the message printed as it is (it never carries a secret).
 */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
