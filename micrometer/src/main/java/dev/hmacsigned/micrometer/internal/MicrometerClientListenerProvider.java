package dev.hmacsigned.micrometer.internal;

import dev.hmacsigned.client.HmacClientListener;
import dev.hmacsigned.client.HmacClientListenerProvider;
import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.micrometer.HmacClientMicrometer;
import io.micrometer.core.instrument.Metrics;

/**
 * Installs {@link HmacClientMicrometer}'s counter on {@link Metrics#globalRegistry} for a client
 * feature configured from {@code hmac.*} settings, when {@code hmac.client.listeners} is {@code
 * auto} (the default) or names {@code micrometer}. Found by {@link java.util.ServiceLoader} on the
 * class path; not for use in code.
 */
public final class MicrometerClientListenerProvider implements HmacClientListenerProvider {
  /** For {@link java.util.ServiceLoader}. */
  public MicrometerClientListenerProvider() {}

  @Override
  public String name() {
    return MicrometerListenerProvider.NAME;
  }

  @Override
  public HmacClientListener create(HmacConfig config) {
    return HmacClientMicrometer.clientListener(Metrics.globalRegistry);
  }
}
