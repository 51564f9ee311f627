package dev.hmacsigned.opentelemetry.internal;

import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.VerificationListener;
import dev.hmacsigned.core.VerificationListenerProvider;
import dev.hmacsigned.opentelemetry.HmacOpenTelemetry;
import io.opentelemetry.api.GlobalOpenTelemetry;

/**
 * Installs {@link HmacOpenTelemetry}'s meters on {@link GlobalOpenTelemetry} when {@code
 * hmac.listeners} is {@code auto} (the default) or names {@code opentelemetry}. Found by {@link
 * java.util.ServiceLoader}; not for use in code.
 */
public final class OpenTelemetryListenerProvider implements VerificationListenerProvider {
  /** The name in {@code hmac.listeners}. */
  public static final String NAME = "opentelemetry";

  /** For {@link java.util.ServiceLoader}. */
  public OpenTelemetryListenerProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public VerificationListener create(HmacConfig config) {
    return HmacOpenTelemetry.verificationListener(GlobalOpenTelemetry.get());
  }
}
