package dev.hmacsigned.jaxrs;

import dev.hmacsigned.core.VerificationResult;
import dev.hmacsigned.core.VerificationResult.Verified;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * The security context of a verified request: the key's principal and roles, and {@code isSecure()}
 * of the original context (the transport did not change).
 */
final class HmacSecurityContext implements SecurityContext {
  /** The authentication scheme reported for HMAC-verified requests. */
  private final Verified verified;

  private final boolean secure;
  private final Principal principal;

  HmacSecurityContext(Verified verified, SecurityContext original) {
    this.verified = verified;
    this.secure = original != null && original.isSecure();
    this.principal = verified.userPrincipal();
  }

  @Override
  public Principal getUserPrincipal() {
    return principal;
  }

  @Override
  public boolean isUserInRole(String role) {
    return verified.roles().contains(role);
  }

  @Override
  public boolean isSecure() {
    return secure;
  }

  @Override
  public String getAuthenticationScheme() {
    return VerificationResult.AUTHENTICATION_SCHEME;
  }
}
