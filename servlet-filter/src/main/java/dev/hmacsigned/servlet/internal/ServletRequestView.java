package dev.hmacsigned.servlet.internal;

import dev.hmacsigned.core.RequestView;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An {@link HttpServletRequest} seen through core's {@link RequestView}: the raw request URI (with
 * the context path, percent-encoding as sent), the raw query string, every line of a header, and
 * the container's input stream, read once by the verifier.
 */
public final class ServletRequestView implements RequestView {
  private final HttpServletRequest request;

  /**
   * Views a request.
   *
   * @param request the container's request, body not yet read
   */
  public ServletRequestView(HttpServletRequest request) {
    this.request = Objects.requireNonNull(request, "request");
  }

  @Override
  public String method() {
    return request.getMethod();
  }

  @Override
  public String rawPath() {
    String uri = request.getRequestURI();
    return uri == null ? "" : uri;
  }

  @Override
  public @Nullable String rawQuery() {
    return request.getQueryString();
  }

  @Override
  public List<String> headers(String name) {
    Enumeration<String> values = request.getHeaders(name);
    if (values == null) {
      // A container may refuse to show a header to the application; then it is not there for us.
      return List.of();
    }
    List<String> list = new ArrayList<>(1);
    while (values.hasMoreElements()) {
      list.add(values.nextElement());
    }
    return list;
  }

  /**
   * The authority the request was received on, for a request without a {@code Host} header
   * (HTTP/2): the server name (an IPv6 address in brackets) and, when it is not the scheme's
   * default, {@code :port}.
   */
  @Override
  public @Nullable String authority() {
    String name = request.getServerName();
    if (name == null || name.isEmpty()) {
      return null;
    }
    if (name.indexOf(':') >= 0 && !name.startsWith("[")) {
      name = "[" + name + "]";
    }
    int port = request.getServerPort();
    String scheme = request.getScheme();
    boolean defaultPort =
        port <= 0
            || (port == 80 && "http".equalsIgnoreCase(scheme))
            || (port == 443 && "https".equalsIgnoreCase(scheme));
    return defaultPort ? name : name + ":" + port;
  }

  @Override
  public InputStream body() throws IOException {
    return request.getInputStream();
  }

  @Override
  public String remoteAddress() {
    String address = request.getRemoteAddr();
    return address == null ? "-" : address;
  }

  @Override
  public String toString() {
    return "ServletRequestView[" + request.getMethod() + "]";
  }
}
