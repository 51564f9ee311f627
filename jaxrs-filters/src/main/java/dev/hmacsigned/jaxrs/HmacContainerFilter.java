package dev.hmacsigned.jaxrs;

import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.RejectionResponse;
import dev.hmacsigned.core.RequestView;
import dev.hmacsigned.core.VerificationResult;
import dev.hmacsigned.core.VerificationResult.Rejected;
import dev.hmacsigned.core.VerificationResult.Verified;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Verifies requests to {@link HmacSigned} resources through core's {@link HmacVerifier}: adapts the
 * JAX-RS request, replaces the entity stream with the verified bytes, installs the security
 * context, enforces the method's {@link RolePolicy}, or aborts with the protocol's rejection.
 * Closes the verified body when the response is ready.
 *
 * <p>Fails closed: a request whose resource method's {@code @RolesAllowed}, {@code @PermitAll} and
 * {@code @DenyAll} cannot be known on this runtime is refused with 500, and the log says why once.
 */
@HmacSigned
@Priority(Priorities.AUTHENTICATION)
final class HmacContainerFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private static final System.Logger LOG = System.getLogger("dev.hmacsigned");

  /** Marks a verification this filter did itself, as opposed to one found from a servlet filter. */
  private static final String OWNED = "dev.hmacsigned.jaxrs.owned";

  private static final String PROBLEM_JSON = "application/problem+json";

  private final HmacVerifier verifier;

  /** What was logged already (once per deployment, or per resource method). */
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  HmacContainerFilter(HmacVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    RequestMark.clear();
    RolePolicy policy = policy(request);
    if (policy == null) {
      request.abortWith(serverError());
      return;
    }
    if (request.getProperty(HmacVerifier.VERIFIED_ATTRIBUTE) instanceof Verified earlier) {
      // Verified upstream (HmacServletFilter, HmacAuthenticationMechanism).
      takeVerifiedBody(request, earlier);
      request.setSecurityContext(new HmacSecurityContext(earlier, request.getSecurityContext()));
      authorize(request, earlier, policy);
      return;
    }
    VerificationResult result = verifier.verify(new ContainerRequestView(request));
    if (result instanceof Verified verified) {
      request.setProperty(HmacVerifier.VERIFIED_ATTRIBUTE, verified);
      request.setProperty(OWNED, Boolean.TRUE);
      request.setEntityStream(verified.body().openStream());
      request.setSecurityContext(new HmacSecurityContext(verified, request.getSecurityContext()));
      authorize(request, verified, policy);
    } else {
      request.abortWith(toResponse(verifier.rejectionResponse((Rejected) result)));
    }
  }

  /**
   * Makes the entity stream the verified body of an upstream verification. The upstream layer's
   * request wrapper, whose stream is that body, does not reach every runtime: Open Liberty passes a
   * Jakarta Security mechanism's wrapper to the servlet only, so the runtime may hold the
   * container's own stream, which the verifier has read to its end. A body in memory opens again at
   * will. A body in a file opens once: if the wrapper has opened it, the runtime holds that stream
   * already (only the wrapper opens it), and it stays.
   */
  private static void takeVerifiedBody(ContainerRequestContext request, Verified earlier) {
    InputStream body;
    try {
      body = earlier.body().openStream();
    } catch (IllegalStateException alreadyOpened) {
      return;
    }
    request.setEntityStream(body);
  }

  /**
   * 403 unless the key's roles satisfy the method's policy; else the request may reach the method
   * ({@link RequestMark}).
   */
  private static void authorize(
      ContainerRequestContext request, Verified verified, RolePolicy policy) {
    if (policy.allows(verified.roles())) {
      RequestMark.set();
    } else {
      request.abortWith(
          Response.status(Response.Status.FORBIDDEN)
              .type(PROBLEM_JSON)
              .entity(problem(403, "Forbidden"))
              .build());
    }
  }

  /**
   * The policy of the matched resource method: from {@link RolesAllowedBinding}, which the runtime
   * applied at deployment, or else from Quarkus REST's request context; {@code null} (and a logged
   * reason) when neither can tell, or when the request cannot be verified on the thread it runs on.
   */
  private @Nullable RolePolicy policy(ContainerRequestContext request) {
    if (request.getProperty(RolesAllowedBinding.POLICY_PROPERTY) instanceof RolePolicy marked) {
      return marked;
    }
    ResourceInfo info = ReactiveResourceInfo.of(request);
    if (info == null) {
      if (reported.add("no policy")) {
        LOG.log(
            System.Logger.Level.ERROR,
            "HmacServerFeature cannot tell which @RolesAllowed, @PermitAll or @DenyAll applies to"
                + " the @HmacSigned resource method of {0} {1}: this JAX-RS runtime ({2}) did not"
                + " apply the feature''s DynamicFeature, and shows the filter no ResourceInfo."
                + " Every request to an @HmacSigned resource is refused with 500. Register"
                + " dev.hmacsigned.jaxrs.HmacServerFeature with the application itself"
                + " (Application#getClasses or getSingletons, or let the runtime discover its"
                + " @Provider), not from another Feature.",
            SentMethodRecorder.sentMethod(request),
            pathForLog(request),
            request.getClass().getName());
      }
      return null;
    }
    Method method = info.getResourceMethod();
    Class<?> type = info.getResourceClass();
    if (ReactiveResourceInfo.isNonBlocking(info)) {
      // The verifier reads the entity stream (a body, or whether a request without Content-Digest
      // smuggles one), which Quarkus REST forbids on the event loop: it would answer every signed
      // request with a misleading 401. A server error names the server's fix instead.
      String name =
          (type == null ? "?" : type.getName()) + "#" + (method == null ? "?" : method.getName());
      if (reported.add("non-blocking " + name)) {
        LOG.log(
            System.Logger.Level.ERROR,
            "{0} is @HmacSigned, but Quarkus REST runs it on the event loop, where the request"
                + " body cannot be read for verification: every request to it is refused with 500."
                + " Annotate the method @io.smallrye.common.annotation.Blocking (or let it return a"
                + " plain, non-reactive type).",
            name);
      }
      return null;
    }
    return RolePolicy.of(method, type);
  }

  /**
   * The request path for a log line, without the query: the client chose it, so control characters
   * become {@code ?} and it is cut at 200 characters.
   */
  private static String pathForLog(ContainerRequestContext request) {
    String path;
    try {
      path = request.getUriInfo().getRequestUri().getRawPath();
    } catch (RuntimeException e) {
      return "(unreadable path)";
    }
    if (path == null) {
      return "-";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < path.length() && i < 200; i++) {
      char c = path.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return path.length() > 200 ? out.append('…').toString() : out.toString();
  }

  /** A server error that says nothing about the server's configuration: the log does. */
  private static Response serverError() {
    return Response.serverError()
        .type(PROBLEM_JSON)
        .entity(problem(500, "Internal Server Error"))
        .build();
  }

  private static byte[] problem(int status, String title) {
    return ("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + "}")
        .getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    RequestMark.clear();
    if (request.getProperty(OWNED) != null
        && request.getProperty(HmacVerifier.VERIFIED_ATTRIBUTE) instanceof Verified verified) {
      verified.close();
    }
  }

  static Response toResponse(RejectionResponse rejection) {
    Response.ResponseBuilder response =
        Response.status(rejection.status()).entity(rejection.body());
    for (Map.Entry<String, String> header : rejection.headers()) {
      response.header(header.getKey(), header.getValue());
    }
    return response.build();
  }

  /** The JAX-RS request as core sees it: raw URI parts, headers, entity stream. */
  private static final class ContainerRequestView implements RequestView {
    /** The request property in which Helidon MP puts the caller's address. */
    private static final String HELIDON_REMOTE_HOST = "io.helidon.jaxrs.remote-host";

    private final ContainerRequestContext request;
    private @Nullable URI uri;

    ContainerRequestView(ContainerRequestContext request) {
      this.request = request;
    }

    /**
     * The request URI, asked for only when the verifier needs it: a runtime may throw for a target
     * its HTTP layer let through (Apache CXF does for some characters in a query), and inside
     * {@link HmacVerifier#verify} that is a rejection, not a 500.
     */
    private URI uri() {
      URI u = uri;
      if (u == null) {
        u = request.getUriInfo().getRequestUri();
        uri = u;
      }
      return u;
    }

    @Override
    public String method() {
      return SentMethodRecorder.sentMethod(request);
    }

    @Override
    public String rawPath() {
      return uri().getRawPath();
    }

    @Override
    public @Nullable String rawQuery() {
      return uri().getRawQuery();
    }

    @Override
    public List<String> headers(String name) {
      return RequestView.headerValues(request.getHeaders(), name);
    }

    @Override
    public @Nullable String authority() {
      return uri().getRawAuthority();
    }

    @Override
    public InputStream body() {
      return request.getEntityStream();
    }

    @Override
    public String remoteAddress() {
      Object value = request.getProperty(HmacServerFeature.REMOTE_ADDRESS_PROPERTY);
      if (value == null) {
        // Helidon MP's JAX-RS service sets the peer's address on every request.
        value = request.getProperty(HELIDON_REMOTE_HOST);
      }
      if (value instanceof Supplier<?> supplier) {
        value = supplier.get();
      }
      return value instanceof String address && !address.isEmpty() ? address : "-";
    }
  }
}
