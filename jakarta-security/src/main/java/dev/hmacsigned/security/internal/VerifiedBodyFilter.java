package dev.hmacsigned.security.internal;

import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.VerificationResult.Verified;
import dev.hmacsigned.servlet.internal.VerifiedRequest;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Hands the application the verified body of a request the mechanism verified, where the server did
 * not pass the mechanism's request wrapper on. Jakarta Security lets a mechanism replace the
 * request ({@code HttpMessageContext.setRequest}), but Open Liberty gives the filters and servlets
 * the container's own request, whose input stream the verifier has read to its end: they would read
 * an empty body. Declared in the jar's {@code META-INF/web-fragment.xml} for every URL; a request
 * that is already wrapped, or that the mechanism did not verify, passes unchanged.
 */
public final class VerifiedBodyFilter implements Filter {
  /** Created by the servlet container. */
  public VerifiedBodyFilter() {
    // Stateless.
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request.getAttribute(ReleaseVerifiedBody.REJECTED) != null) {
      return; // answered by the mechanism
    }
    if (request instanceof HttpServletRequest http
        && response instanceof HttpServletResponse httpResponse
        && request.getAttribute(ReleaseVerifiedBody.OWNED) != null
        && request.getAttribute(HmacVerifier.VERIFIED_ATTRIBUTE) instanceof Verified verified
        && !VerifiedRequest.isVerified(request)) {
      chain.doFilter(new VerifiedRequest(http, httpResponse, verified), response);
      return;
    }
    chain.doFilter(request, response);
  }

  @Override
  public String toString() {
    return "VerifiedBodyFilter";
  }
}
