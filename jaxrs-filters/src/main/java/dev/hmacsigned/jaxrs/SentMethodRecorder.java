package dev.hmacsigned.jaxrs;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Records the method the client sent, before resource matching can change it: Jersey serves a
 * {@code HEAD} with the resource's {@code GET} method and shows {@code GET} to post-matching
 * filters. The signature binds the method that was sent, so {@link HmacContainerFilter} verifies
 * this one. Runs first for every request, so it also clears the thread's {@link RequestMark}.
 */
@PreMatching
@Priority(Integer.MIN_VALUE)
final class SentMethodRecorder implements ContainerRequestFilter {
  static final String SENT_METHOD = "dev.hmacsigned.jaxrs.sent-method";

  @Override
  public void filter(ContainerRequestContext request) {
    RequestMark.clear();
    request.setProperty(SENT_METHOD, request.getMethod());
  }

  /** The method the client sent: the recorded one, or the request's own when none was recorded. */
  static String sentMethod(ContainerRequestContext request) {
    return request.getProperty(SENT_METHOD) instanceof String sent ? sent : request.getMethod();
  }
}
