package dev.hmacsigned.opentelemetry.internal;

import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.KeySource;
import dev.hmacsigned.core.RequestView;
import dev.hmacsigned.core.VerificationListener;
import dev.hmacsigned.core.VerificationListenerProvider;
import dev.hmacsigned.core.VerificationResult.Rejected;
import dev.hmacsigned.core.VerificationResult.Verified;
import dev.hmacsigned.opentelemetry.HmacOpenTelemetry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import org.jspecify.annotations.Nullable;

/**
 * Installs {@link HmacOpenTelemetry}'s meters on {@link GlobalOpenTelemetry} when {@code
 * hmac.listeners} is {@code auto} (the default) or names {@code opentelemetry}. Found by {@link
 * java.util.ServiceLoader}; not for use in code.
 *
 * <p>{@code GlobalOpenTelemetry.get()} before the application (or the Java agent) has set the
 * global instance would fix it to a no-op for good and make the application's own {@code set} fail.
 * So the meters are created with the first verdict after the global instance is set; verdicts
 * before that are not recorded. (On an API older than 1.57, without {@code isSet()}, the global
 * instance is taken at the first verdict.)
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
    return new WhenGlobalIsSet();
  }

  /** Whether the global instance is set; on an API without {@code isSet()}, take it as set. */
  static boolean globalIsSet() {
    try {
      return GlobalOpenTelemetry.isSet();
    } catch (NoSuchMethodError olderApi) {
      return true;
    }
  }

  /** Creates the meters once the global instance is set; drops the verdicts before that. */
  private static final class WhenGlobalIsSet implements VerificationListener {
    private volatile @Nullable VerificationListener meters;
    private volatile @Nullable KeySource keySource;

    @Override
    public void onVerifierBuilt(KeySource keySource) {
      this.keySource = keySource;
    }

    @Override
    public void onVerified(Verified result, RequestView request) {
      VerificationListener m = meters();
      if (m != null) {
        m.onVerified(result, request);
      }
    }

    @Override
    public void onRejected(Rejected result, RequestView request) {
      VerificationListener m = meters();
      if (m != null) {
        m.onRejected(result, request);
      }
    }

    private @Nullable VerificationListener meters() {
      VerificationListener m = meters;
      if (m != null || !globalIsSet()) {
        return m;
      }
      synchronized (this) {
        if (meters == null) {
          VerificationListener created =
              HmacOpenTelemetry.verificationListener(GlobalOpenTelemetry.get());
          KeySource keys = keySource;
          if (keys != null) {
            created.onVerifierBuilt(keys);
          }
          meters = created;
        }
        return meters;
      }
    }

    @Override
    public String toString() {
      return "HmacOpenTelemetry[GlobalOpenTelemetry]";
    }
  }
}
