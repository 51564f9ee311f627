package dev.hmacsigned.micrometer.internal;

import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.VerificationListener;
import dev.hmacsigned.core.VerificationListenerProvider;
import dev.hmacsigned.micrometer.HmacMicrometer;
import io.micrometer.core.instrument.Metrics;

/**
 * Installs {@link HmacMicrometer}'s meters on {@link Metrics#globalRegistry} when {@code
 * hmac.listeners} is {@code auto} (the default) or names {@code micrometer}. Found by {@link
 * java.util.ServiceLoader}; not for use in code.
 */
public final class MicrometerListenerProvider implements VerificationListenerProvider {
  /** The name in {@code hmac.listeners}. */
  public static final String NAME = "micrometer";

  /** For {@link java.util.ServiceLoader}. */
  public MicrometerListenerProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public VerificationListener create(HmacConfig config) {
    return HmacMicrometer.verificationListener(Metrics.globalRegistry);
  }
}
