package dev.hmacsigned.core;

/**
 * Makes a {@link VerificationListener} available to configuration, so that adding a jar is enough
 * to get metrics: a jar lists its provider in {@code
 * META-INF/services/dev.hmacsigned.core.VerificationListenerProvider} (and in its {@code
 * module-info} as {@code provides}), and every adapter configured from {@link HmacConfig} (the
 * JAX-RS feature and the servlet filter, when they are not given a verifier built in code) installs
 * its listener beside the log, as {@value HmacConfig#LISTENERS} says.
 *
 * <pre>{@code
 * public final class MyMetricsProvider implements VerificationListenerProvider {
 *   public String name() { return "my-metrics"; }
 *   public VerificationListener create(HmacConfig config) { return new MyMetricsListener(); }
 * }
 * }</pre>
 *
 * <p>A provider needs a public no-argument constructor. It is found with the thread's context class
 * loader, as an application server sets it while it deploys the application.
 */
public interface VerificationListenerProvider {

  /**
   * The name used in {@value HmacConfig#LISTENERS}.
   *
   * @return for example {@code micrometer}
   */
  String name();

  /**
   * Creates the listener, reading any settings it needs.
   *
   * @param config the same configuration lookup the adapter uses
   * @return the listener
   * @throws HmacConfigurationException if the listener's settings are invalid
   */
  VerificationListener create(HmacConfig config);
}
