package dev.hmacsigned.it.security;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JAX-RS application of the Jakarta Security WAR, at {@code api/}: nothing listed. */
@ApplicationPath("api")
public class SecurityApplication extends Application {
  /** The constructor the runtime calls. */
  public SecurityApplication() {}
}
