package dev.hmacsigned.it.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;

/**
 * A plain CDI bean that asks Jakarta Security who the caller is. Jakarta EE 10 does not enforce
 * {@code @RolesAllowed} on such a bean: it checks {@link SecurityContext#isCallerInRole} itself.
 */
@RequestScoped
public class CallerBean {
  @Inject private SecurityContext security;

  /** The constructor the container calls. */
  public CallerBean() {}

  /**
   * The caller.
   *
   * @return the caller principal's name, or {@code (none)}
   */
  public String caller() {
    Principal caller = security.getCallerPrincipal();
    return caller == null ? "(none)" : caller.getName();
  }

  /**
   * Whether the caller is in a role.
   *
   * @param role the role
   * @return what Jakarta Security says
   */
  public boolean inRole(String role) {
    return security.isCallerInRole(role);
  }
}
