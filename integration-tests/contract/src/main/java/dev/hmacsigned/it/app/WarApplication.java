package dev.hmacsigned.it.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The JAX-RS application of the WAR, and all of it: no classes, no properties. The runtime
 * discovers the resources in {@code WEB-INF/classes} and {@code HmacServerFeature} in {@code
 * WEB-INF/lib}; the feature reads its settings from the server (system properties or MicroProfile
 * Config), exactly as a user's WAR would.
 */
@ApplicationPath("/")
public class WarApplication extends Application {
  /** The constructor the runtime calls. */
  public WarApplication() {}
}
