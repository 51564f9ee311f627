package dev.hmacsigned.it.security;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;

/**
 * An EJB whose method the container lets only callers in the role {@code orders.write} call ({@code
 * EJBAccessException} otherwise), and which names the caller as the EJB container sees it.
 */
@Stateless
public class CallerEjb {
  @Resource private SessionContext context;

  /** The constructor the container calls. */
  public CallerEjb() {}

  /**
   * The caller.
   *
   * @return the caller principal's name
   */
  @RolesAllowed("orders.write")
  public String caller() {
    return context.getCallerPrincipal().getName();
  }
}
