package dev.hmacsigned.it.server;

import dev.hmacsigned.jaxrs.HmacServerFeature;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import org.glassfish.grizzly.http.server.Request;

/**
 * What the README tells users of Jersey on Grizzly, where no servlet request exists: hand the
 * caller's address to the library's log lines through {@link
 * HmacServerFeature#REMOTE_ADDRESS_PROPERTY}.
 */
@PreMatching
public final class GrizzlyRemoteAddress implements ContainerRequestFilter {
  private final Provider<Request> grizzlyRequest;

  @Inject
  public GrizzlyRemoteAddress(Provider<Request> grizzlyRequest) {
    this.grizzlyRequest = grizzlyRequest;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(
        HmacServerFeature.REMOTE_ADDRESS_PROPERTY, grizzlyRequest.get().getRemoteAddr());
  }
}
