package dev.hmacsigned.it.helidon;

import dev.hmacsigned.jaxrs.HmacServerFeature;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * What the README tells Helidon MP users who want the caller's address in the library's log lines
 * (Helidon has no servlet request): copy the address Helidon puts in the request property {@value
 * #HELIDON_REMOTE_HOST} into {@link HmacServerFeature#REMOTE_ADDRESS_PROPERTY}. Optional; without
 * it the log says {@code remote=-}.
 */
@Provider
@PreMatching
public class HelidonRemoteAddress implements ContainerRequestFilter {
  /** Set by Helidon's JAX-RS service on every request: the peer's host. */
  static final String HELIDON_REMOTE_HOST = "io.helidon.jaxrs.remote-host";

  @Override
  public void filter(ContainerRequestContext context) {
    Object host = context.getProperty(HELIDON_REMOTE_HOST);
    if (host != null) {
      context.setProperty(HmacServerFeature.REMOTE_ADDRESS_PROPERTY, host.toString());
    }
  }
}
