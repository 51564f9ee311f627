package dev.hmacsigned.it.runtime;

import java.io.IOException;

/**
 * Client runtime: Apache CXF's JAX-RS client with its default HTTP conduit and {@code
 * HmacClientFeature}; nothing else is set.
 */
public final class CxfClientMain {
  private CxfClientMain() {}

  /**
   * Answers JSON lines until standard input ends.
   *
   * @param args none
   * @throws IOException if standard input or output fails
   */
  public static void main(String[] args) throws IOException {
    JsonLinesClient.run("cxf-client", builder -> builder);
  }
}
