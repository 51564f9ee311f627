package dev.hmacsigned.it.runtime;

import java.io.IOException;

/**
 * Client runtime: RESTEasy's client with its default HTTP engine and {@code HmacClientFeature};
 * nothing else is set.
 */
public final class ResteasyClientMain {
  private ResteasyClientMain() {}

  /**
   * Answers JSON lines until standard input ends.
   *
   * @param args none
   * @throws IOException if standard input or output fails
   */
  public static void main(String[] args) throws IOException {
    JsonLinesClient.run("resteasy-client", builder -> builder);
  }
}
