package dev.hmacsigned.it.quarkus;

import dev.hmacsigned.jaxrs.HmacServerFeature;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * What the README tells Quarkus users who want the caller's address in the library's log lines
 * (Quarkus has no servlet request): hand Vert.x's remote address to the {@code @HmacSigned} filter
 * through {@link HmacServerFeature#REMOTE_ADDRESS_PROPERTY}. Optional; without it the log says
 * {@code remote=-}.
 */
@Provider
@PreMatching
public class VertxRemoteAddress implements ContainerRequestFilter {
  @Inject HttpServerRequest request;

  @Override
  public void filter(ContainerRequestContext context) {
    SocketAddress remote = request.remoteAddress();
    if (remote != null) {
      context.setProperty(HmacServerFeature.REMOTE_ADDRESS_PROPERTY, remote.hostAddress());
    }
  }
}
