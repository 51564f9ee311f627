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
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Verifies requests to {@link HmacSigned} resources through core's {@link HmacVerifier}: adapts the
 * JAX-RS request, replaces the entity stream with the verified bytes, installs the security
 * context, or aborts with the protocol's rejection. Closes the verified body when the response is
 * ready.
 */
@HmacSigned
@Priority(Priorities.AUTHENTICATION)
final class HmacContainerFilter implements ContainerRequestFilter, ContainerResponseFilter {
  /** Marks a verification this filter did itself, as opposed to one found from a servlet filter. */
  private static final String OWNED = "dev.hmacsigned.jaxrs.owned";

  private final HmacVerifier verifier;

  HmacContainerFilter(HmacVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getProperty(HmacVerifier.VERIFIED_ATTRIBUTE) instanceof Verified earlier) {
      // Verified upstream (HmacServletFilter): the body is already the verified one.
      request.setSecurityContext(new HmacSecurityContext(earlier, request.getSecurityContext()));
      return;
    }
    VerificationResult result = verifier.verify(new ContainerRequestView(request));
    if (result instanceof Verified verified) {
      request.setProperty(HmacVerifier.VERIFIED_ATTRIBUTE, verified);
      request.setProperty(OWNED, Boolean.TRUE);
      request.setEntityStream(verified.body().openStream());
      request.setSecurityContext(new HmacSecurityContext(verified, request.getSecurityContext()));
    } else {
      request.abortWith(toResponse(verifier.rejectionResponse((Rejected) result)));
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
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
      if (value instanceof Supplier<?> supplier) {
        value = supplier.get();
      }
      return value instanceof String address && !address.isEmpty() ? address : "-";
    }
  }
}
