package dev.hmacsigned.security.internal;

import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.VerificationResult.Verified;
import dev.hmacsigned.servlet.internal.ReleaseOnCompletion;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Closes the result of a verification the mechanism did itself (its body, and the temporary file of
 * a body above the in-memory threshold) when the request ends, or when the asynchronous processing
 * it went on to ends. A Jakarta Security mechanism is not called around the application, so it
 * cannot do this itself. Declared in the jar's {@code META-INF/web-fragment.xml}.
 */
public final class ReleaseVerifiedBody implements ServletRequestListener {
  /** The request attribute that marks a verification as the mechanism's own. */
  public static final String OWNED = "dev.hmacsigned.security.owned";

  /**
   * The request attribute that marks a request the mechanism rejected and answered (its value is
   * the public code).
   */
  public static final String REJECTED = "dev.hmacsigned.security.rejected";

  /** Created by the servlet container. */
  public ReleaseVerifiedBody() {
    // Stateless.
  }

  @Override
  public void requestDestroyed(ServletRequestEvent event) {
    ServletRequest request = event.getServletRequest();
    if (request.getAttribute(OWNED) == null
        || !(request.getAttribute(HmacVerifier.VERIFIED_ATTRIBUTE) instanceof Verified verified)) {
      return;
    }
    if (request instanceof HttpServletRequest http) {
      ReleaseOnCompletion.release(http, verified);
    } else {
      verified.close();
    }
  }

  @Override
  public String toString() {
    return "ReleaseVerifiedBody";
  }
}
