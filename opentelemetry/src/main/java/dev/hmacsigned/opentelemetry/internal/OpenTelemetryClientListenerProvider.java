package dev.hmacsigned.opentelemetry.internal;

import dev.hmacsigned.client.HmacClientListener;
import dev.hmacsigned.client.HmacClientListenerProvider;
import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.RejectionCode;
import dev.hmacsigned.opentelemetry.HmacClientOpenTelemetry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import org.jspecify.annotations.Nullable;

/**
 * Installs {@link HmacClientOpenTelemetry}'s counter for a client feature configured from {@code
 * hmac.*} settings, when {@code hmac.client.listeners} is {@code auto} (the default) or names
 * {@code opentelemetry}: on {@link GlobalOpenTelemetry} once the application or the Java agent has
 * set it, as {@link OpenTelemetryListenerProvider} does for servers. Found by {@link
 * java.util.ServiceLoader} on the class path; not for use in code.
 */
public final class OpenTelemetryClientListenerProvider implements HmacClientListenerProvider {
  /** For {@link java.util.ServiceLoader}. */
  public OpenTelemetryClientListenerProvider() {}

  @Override
  public String name() {
    return OpenTelemetryListenerProvider.NAME;
  }

  @Override
  public HmacClientListener create(HmacConfig config) {
    return new HmacClientListener() {
      private volatile @Nullable HmacClientListener counter;

      @Override
      public void onResponse(int status, @Nullable RejectionCode rejection) {
        HmacClientListener c = counter;
        if (c == null && OpenTelemetryListenerProvider.globalIsSet()) {
          synchronized (this) {
            c = counter;
            if (c == null) {
              c = HmacClientOpenTelemetry.clientListener(GlobalOpenTelemetry.get());
              counter = c;
            }
          }
        }
        if (c != null) {
          c.onResponse(status, rejection);
        }
      }

      @Override
      public String toString() {
        return "HmacClientOpenTelemetry[GlobalOpenTelemetry]";
      }
    };
  }
}
