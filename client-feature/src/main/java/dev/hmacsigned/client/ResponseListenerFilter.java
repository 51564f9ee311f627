package dev.hmacsigned.client;

import dev.hmacsigned.core.RejectionCode;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Tells {@link HmacClientListener}s of each response: its status and protocol rejection code. The
 * entity goes to the caller unchanged, still readable; a listener that throws is logged and the
 * others are still told.
 */
@ConstrainedTo(RuntimeType.CLIENT)
final class ResponseListenerFilter implements ClientResponseFilter {
  private static final System.Logger LOG = System.getLogger("dev.hmacsigned.client");

  private final List<HmacClientListener> listeners;

  ResponseListenerFilter(List<HmacClientListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void filter(ClientRequestContext request, ClientResponseContext response)
      throws IOException {
    int status = response.getStatus();
    @Nullable RejectionCode code = ProblemJson.peekCode(response).orElse(null);
    for (HmacClientListener listener : listeners) {
      try {
        listener.onResponse(status, code);
      } catch (RuntimeException e) {
        // Metrics must not turn a response into an exception for the caller.
        LOG.log(System.Logger.Level.WARNING, "An HmacClientListener threw; ignored", e);
      }
    }
  }

  @Override
  public String toString() {
    return "ResponseListenerFilter" + listeners;
  }
}
