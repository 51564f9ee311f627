package dev.hmacsigned.client;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import java.io.IOException;

/**
 * Tells an {@link HmacClientListener} of each response: its status and protocol rejection code. The
 * entity goes to the caller unchanged, still readable.
 */
@ConstrainedTo(RuntimeType.CLIENT)
final class ResponseListenerFilter implements ClientResponseFilter {
  private static final System.Logger LOG = System.getLogger("dev.hmacsigned.client");

  private final HmacClientListener listener;

  ResponseListenerFilter(HmacClientListener listener) {
    this.listener = listener;
  }

  @Override
  public void filter(ClientRequestContext request, ClientResponseContext response)
      throws IOException {
    int status = response.getStatus();
    try {
      listener.onResponse(status, ProblemJson.peekCode(response).orElse(null));
    } catch (RuntimeException e) {
      // Metrics must not turn a response into an exception for the caller.
      LOG.log(System.Logger.Level.WARNING, "An HmacClientListener threw; ignored", e);
    }
  }

  @Override
  public String toString() {
    return "ResponseListenerFilter[" + listener + "]";
  }
}
