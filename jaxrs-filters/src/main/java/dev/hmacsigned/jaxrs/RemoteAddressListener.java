package dev.hmacsigned.jaxrs;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import java.util.function.Supplier;

/**
 * Makes the caller's address visible to {@link HmacServerFeature}'s filter on a servlet container,
 * for the {@code remote=} field of its log lines: Jakarta REST itself offers no remote address.
 *
 * <p>In a WAR there is nothing to do: the jar's {@code META-INF/web-fragment.xml} declares this
 * listener (unless the application's {@code web.xml} is {@code metadata-complete}). An application
 * that builds its servlet deployment in code (embedded Undertow, Jetty or Tomcat) adds it there,
 * for example {@code deploymentInfo.addListener(Servlets.listener(RemoteAddressListener.class))}.
 *
 * <p>It costs one request attribute, {@value HmacServerFeature#REMOTE_ADDRESS_PROPERTY}, holding a
 * supplier that asks the servlet request for its address only when a line is logged. The Jakarta
 * REST runtimes of servlet containers (Jersey, RESTEasy, Apache CXF) show request attributes as
 * request properties. Where a runtime runs without servlets (Grizzly, Vert.x, Netty), a
 * {@code @PreMatching} filter of the application may set that property to the address, a {@code
 * String}.
 */
public final class RemoteAddressListener implements ServletRequestListener {
  /** Created by the servlet container. */
  public RemoteAddressListener() {}

  @Override
  public void requestInitialized(ServletRequestEvent event) {
    ServletRequest request = event.getServletRequest();
    request.setAttribute(HmacServerFeature.REMOTE_ADDRESS_PROPERTY, new RemoteAddress(request));
  }

  /** The address, asked for when read: most requests are never logged. */
  private record RemoteAddress(ServletRequest request) implements Supplier<String> {
    @Override
    public String get() {
      return request.getRemoteAddr();
    }

    @Override
    public String toString() {
      return "RemoteAddress";
    }
  }
}
