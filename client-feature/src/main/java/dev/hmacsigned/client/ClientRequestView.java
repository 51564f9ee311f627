package dev.hmacsigned.client;

import dev.hmacsigned.core.RequestView;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An outgoing request as the signer sees it: the method, the raw path and query of the URI the
 * client connects to, the request's headers as strings, and the URI's authority.
 *
 * <p>A JAX-RS client request has no {@code Host} header: the HTTP connector writes one from the
 * URI's authority when it connects, host plus {@code :port} when the URI names a port. So {@code
 * host} is signed as the URI's authority ({@link #authority()}), unless the caller set a {@code
 * Host} header, which is then what it means to send (RESTEasy's Apache HttpClient sends it; the
 * JDK's {@code HttpURLConnection} under Jersey's default connector drops it unless {@code
 * sun.net.http.allowRestrictedHeaders=true}).
 *
 * <p>The body is never read through this view: the signer is handed its digest.
 */
final class ClientRequestView implements RequestView {
  private final String method;
  private final URI uri;
  private final Map<String, List<String>> headers;

  ClientRequestView(String method, URI uri, Map<String, List<String>> headers) {
    this.method = method;
    this.uri = uri;
    this.headers = headers;
  }

  /**
   * The URI without an explicit default port ({@code http} 80, {@code https} 443), otherwise
   * untouched: clients disagree on whether such a port goes into {@code Host} (the JDK's {@code
   * HttpURLConnection} drops it, Apache HttpClient keeps it), and without it they all agree.
   *
   * @return {@code uri} itself when it names no default port
   */
  static URI withoutDefaultPort(URI uri) {
    int port = uri.getPort();
    String scheme = uri.getScheme();
    boolean isDefault =
        scheme != null
            && ((port == 80 && scheme.equalsIgnoreCase("http"))
                || (port == 443 && scheme.equalsIgnoreCase("https")));
    if (!isDefault || uri.getRawAuthority() == null) {
      return uri;
    }
    String authority = uri.getRawAuthority();
    StringBuilder target =
        new StringBuilder(scheme).append("://").append(authority, 0, authority.lastIndexOf(':'));
    if (uri.getRawPath() != null) {
      target.append(uri.getRawPath());
    }
    if (uri.getRawQuery() != null) {
      target.append('?').append(uri.getRawQuery());
    }
    if (uri.getRawFragment() != null) {
      target.append('#').append(uri.getRawFragment());
    }
    return URI.create(target.toString());
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public String rawPath() {
    String path = uri.getRawPath();
    return path == null ? "" : path;
  }

  @Override
  public @Nullable String rawQuery() {
    return uri.getRawQuery();
  }

  @Override
  public List<String> headers(String name) {
    return RequestView.headerValues(headers, name);
  }

  @Override
  public String authority() {
    return RequestView.authorityOf(uri);
  }

  @Override
  public InputStream body() {
    // The signer is always given the digest; reaching here would mean signing an unread body.
    throw new UnsupportedOperationException("the body of an outgoing request is signed by digest");
  }
}
