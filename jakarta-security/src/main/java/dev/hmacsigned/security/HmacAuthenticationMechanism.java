package dev.hmacsigned.security;

import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.VerificationResult;
import dev.hmacsigned.core.VerificationResult.Rejected;
import dev.hmacsigned.core.VerificationResult.Verified;
import dev.hmacsigned.security.internal.ReleaseVerifiedBody;
import dev.hmacsigned.servlet.internal.RejectionWriter;
import dev.hmacsigned.servlet.internal.ServletRequestView;
import dev.hmacsigned.servlet.internal.VerifiedRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * The application's Jakarta Security {@link HttpAuthenticationMechanism}: verifies hmac-signed
 * requests (protocol v1) and logs their callers in to the container, with the key's principal as
 * the caller and the key's roles as its groups. Behind it, {@code @RolesAllowed} on servlets
 * ({@code @ServletSecurity}, {@code <security-constraint>}), on EJBs and on JAX-RS resources is the
 * container's, and {@code HttpServletRequest.getUserPrincipal()}, {@code EJBContext}, Jakarta
 * Security's {@code SecurityContext} and JAX-RS's {@code SecurityContext} all name the key's
 * principal.
 *
 * <p>Adding {@code hmac-signed-jakarta-security} to a WAR is all it takes: the jar is a bean
 * archive and this class an {@code @ApplicationScoped} bean, which makes it <em>the</em>
 * authentication mechanism of the WAR. Jakarta Security 3.0 (Jakarta EE 10) leaves a WAR with more
 * than one mechanism undefined, so do not add this jar beside another one (a form login, OpenID
 * Connect).
 *
 * <p>For each request:
 *
 * <ul>
 *   <li>Without an {@code Authorization: HMAC-…} header, a request to a resource no constraint
 *       protects goes on unauthenticated; one to a protected resource gets the library's 401 {@code
 *       missing_signature}, with its {@code WWW-Authenticate} challenge.
 *   <li>A request that claims an HMAC signature is verified: its body is read (up to {@value
 *       HmacConfig#MAX_BODY_BYTES}), the signature, timestamp and nonce checked once. A rejected
 *       one gets the library's answer (401, 413 or 503 with an {@code application/problem+json}
 *       body, {@code SEND_FAILURE}); a verified one reaches the application logged in, and reads
 *       the verified bytes from {@code getInputStream()} and {@code getReader()}, byte for byte.
 *   <li>The result is kept in the request attribute {@value HmacVerifier#VERIFIED_ATTRIBUTE}:
 *       {@code @HmacSigned} resources and {@code HmacServletFilter} behind the mechanism find it
 *       and do not verify the request again (its nonce would count as a replay).
 * </ul>
 *
 * <p>The configuration is read when the application starts, from the WAR's context parameters
 * ({@code <context-param>} {@value HmacConfig#KEYS_FILE} and the other {@code hmac.*} names of
 * protocol v1 §8), then MicroProfile Config, Java system properties and environment variables
 * ({@code HMAC_KEYS_FILE}). An invalid configuration fails the deployment, naming what to fix.
 */
@ApplicationScoped
public class HmacAuthenticationMechanism implements HttpAuthenticationMechanism {
  /** The largest unread body of a rejected request that is read and dropped. */
  private static final int DISCARDED_BODY_BYTES = 64 * 1024;

  private volatile @Nullable HmacVerifier verifier;

  /** Created by the CDI container. */
  public HmacAuthenticationMechanism() {
    // The verifier is built from the application's configuration when it starts.
  }

  /**
   * Reads the configuration when the application starts, so that an invalid one fails the
   * deployment rather than the first request.
   *
   * @param event the application's start; in a web application, its {@code ServletContext}
   * @throws IllegalStateException if the configuration is invalid or the keys file cannot be loaded
   */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    if (event instanceof ServletContext context) {
      verifier(context);
    }
  }

  /**
   * Verifies a request that claims an HMAC signature, or challenges one to a protected resource
   * that does not, as described in the {@linkplain HmacAuthenticationMechanism class
   * documentation}.
   *
   * @param request the request
   * @param response the response, written only for a rejection
   * @param context the container's view of this authentication
   * @return {@code SUCCESS} for a verified caller, {@code SEND_FAILURE} for a rejected request,
   *     {@code NOT_DONE} for a request without a signature to an unprotected resource
   */
  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    if (request.getAttribute(HmacVerifier.VERIFIED_ATTRIBUTE) instanceof Verified earlier) {
      // Verified once already (HttpServletRequest.authenticate(), a later dispatch, or a filter):
      // verifying again would take the request's own nonce for a replay.
      if (!VerifiedRequest.isVerified(request)) {
        context.setRequest(new VerifiedRequest(request, response, earlier));
      }
      return context.notifyContainerAboutLogin(earlier.userPrincipal(), earlier.roles());
    }
    if (request.getAttribute(ReleaseVerifiedBody.REJECTED) != null) {
      // Rejected once already, and answered: a server may ask again for the same request (Open
      // Liberty does, for a JAX-RS resource with @RolesAllowed), and a second answer would be
      // written after the first one.
      return AuthenticationStatus.SEND_FAILURE;
    }
    ServletRequestView view = new ServletRequestView(request);
    if (!context.isProtected() && !view.claimsSignature()) {
      return context.doNothing();
    }
    HmacVerifier current = verifier(request.getServletContext());
    VerificationResult result = current.verify(view);
    if (result instanceof Rejected rejected) {
      request.setAttribute(ReleaseVerifiedBody.REJECTED, rejected.code().code());
      try {
        RejectionWriter.write(response, current.rejectionResponse(rejected));
        // Committed, so that the container sends the library's answer as it is, not an error page.
        response.flushBuffer();
        discardSmallBody(request);
      } catch (IOException e) {
        // The client is gone; there is nobody left to answer.
      }
      return AuthenticationStatus.SEND_FAILURE;
    }
    Verified verified = (Verified) result;
    request.setAttribute(HmacVerifier.VERIFIED_ATTRIBUTE, verified);
    request.setAttribute(ReleaseVerifiedBody.OWNED, Boolean.TRUE);
    // The container's input stream was consumed by the verifier: the application reads the
    // verified bytes through the wrapper (and @HmacSigned resources from the result itself, on a
    // server that does not pass the wrapper on).
    context.setRequest(new VerifiedRequest(request, response, verified));
    return context.notifyContainerAboutLogin(verified.userPrincipal(), verified.roles());
  }

  /**
   * Reads to its end, and drops, the body of a rejected request that the verifier left unread (a
   * request without a signature is refused before its body is read), if it declares at most {@value
   * #DISCARDED_BODY_BYTES} bytes: as a servlet container does with an unread body, so that the
   * connection can serve the next request. Undertow (WildFly) also reports a request whose body is
   * left unread after a committed rejection as an error in its log, with a stack trace.
   */
  private static void discardSmallBody(HttpServletRequest request) throws IOException {
    long length = request.getContentLengthLong();
    if (length <= 0 || length > DISCARDED_BODY_BYTES) {
      return;
    }
    InputStream in;
    try {
      in = request.getInputStream();
    } catch (IllegalStateException readerTaken) {
      return; // someone took the body as a reader; it is theirs to read
    }
    byte[] buffer = new byte[(int) length];
    long total = 0;
    int read;
    // To the end of the stream, which is what tells a container the request was read.
    while (total <= DISCARDED_BODY_BYTES && (read = in.read(buffer)) >= 0) {
      total += read;
    }
  }

  private HmacVerifier verifier(ServletContext servletContext) {
    HmacVerifier current = verifier;
    if (current == null) {
      synchronized (this) {
        current = verifier;
        if (current == null) {
          try {
            current = HmacConfig.lookup(servletContext::getInitParameter).verifier();
          } catch (HmacConfigurationException e) {
            throw new IllegalStateException(
                "HmacAuthenticationMechanism in "
                    + describe(servletContext)
                    + ": "
                    + e.getMessage(),
                e);
          }
          verifier = current;
        }
      }
    }
    return current;
  }

  private static String describe(ServletContext context) {
    String path = context.getContextPath();
    return path == null || path.isEmpty() ? "the root application" : path;
  }

  @Override
  public String toString() {
    HmacVerifier current = verifier;
    return "HmacAuthenticationMechanism[" + (current == null ? "not started" : current) + "]";
  }
}
