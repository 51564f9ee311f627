package dev.hmacsigned.it.runtime;

import java.io.IOException;
import org.glassfish.jersey.client.HttpUrlConnectorProvider;

/**
 * Client runtime: Jersey's client with its default connector ({@code HttpURLConnection}) and {@code
 * HmacClientFeature}. {@code HttpURLConnection} refuses PATCH; Jersey's documented answer is {@link
 * HttpUrlConnectorProvider#SET_METHOD_WORKAROUND}, set here as a user would.
 */
public final class JerseyClientMain {
  private JerseyClientMain() {}

  /**
   * Answers JSON lines until standard input ends.
   *
   * @param args none
   * @throws IOException if standard input or output fails
   */
  public static void main(String[] args) throws IOException {
    JsonLinesClient.run(
        "jersey-client",
        builder -> builder.property(HttpUrlConnectorProvider.SET_METHOD_WORKAROUND, true));
  }
}
