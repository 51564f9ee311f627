package dev.hmacsigned.core.internal;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads MicroProfile Config when, and only when, its API is on the class path. Reflection keeps
 * core free of the dependency; the lookups happen at deployment, not per request.
 */
public final class MicroProfileConfig {
  private static final System.Logger LOG = System.getLogger("dev.hmacsigned");

  private MicroProfileConfig() {}

  /**
   * A lookup backed by {@code ConfigProvider.getConfig()}, or empty without MicroProfile Config.
   */
  public static Optional<Function<String, ?>> lookup() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = MicroProfileConfig.class.getClassLoader();
    }
    try {
      Class<?> provider =
          Class.forName("org.eclipse.microprofile.config.ConfigProvider", true, loader);
      Class<?> configType = Class.forName("org.eclipse.microprofile.config.Config", true, loader);
      Object config = provider.getMethod("getConfig").invoke(null);
      Method getOptionalValue = configType.getMethod("getOptionalValue", String.class, Class.class);
      return Optional.of(
          name -> {
            try {
              return ((Optional<?>) getOptionalValue.invoke(config, name, String.class))
                  .orElse(null);
            } catch (ReflectiveOperationException e) {
              return null;
            }
          });
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.empty();
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(
          System.Logger.Level.DEBUG,
          "MicroProfile Config is present but unusable here; skipped: {0}",
          e.toString());
      return Optional.empty();
    }
  }
}
