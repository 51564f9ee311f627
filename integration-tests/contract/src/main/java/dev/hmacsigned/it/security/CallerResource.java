package dev.hmacsigned.it.security;

import dev.hmacsigned.jaxrs.HmacSigned;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * JAX-RS resources behind the mechanism, at {@code api/caller/…}: each reports the caller as the
 * servlet request, JAX-RS, the EJB container and Jakarta Security see it, and the body it read.
 */
@Path("caller")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
@Consumes(MediaType.WILDCARD)
public class CallerResource {
  @Inject private CallerEjb ejb;
  @Inject private CallerBean bean;
  @Context private HttpServletRequest request;
  @Context private SecurityContext security;

  /** The constructor the container calls. */
  public CallerResource() {}

  /**
   * {@code @HmacSigned} and {@code @RolesAllowed}: the library's filter finds the mechanism's
   * verification and checks the roles, the container checks them as well.
   *
   * @param body the body
   * @return the report
   */
  @POST
  @Path("signed")
  @HmacSigned
  @RolesAllowed("orders.write")
  public byte[] signed(byte[] body) {
    return everything(body).bytes();
  }

  /**
   * {@code @RolesAllowed} alone: only the container (its JAX-RS runtime) checks the role.
   *
   * @param body the body
   * @return the report
   */
  @POST
  @Path("container")
  @RolesAllowed("orders.write")
  public byte[] container(byte[] body) {
    return everything(body).bytes();
  }

  /**
   * No role on the resource: the EJB's {@code @RolesAllowed} decides (403 through {@link
   * EjbAccessMapper}).
   *
   * @return the report
   */
  @GET
  @Path("ejb")
  public byte[] ejb() {
    return new CallerReport().add("ejb", ejb.caller()).bytes();
  }

  /**
   * Open to anyone, signed or not: who the containers think is calling.
   *
   * @return the report, without the EJB
   */
  @GET
  @Path("anyone")
  public byte[] anyone() {
    return new CallerReport()
        .principal("request", request.getUserPrincipal())
        .principal("jaxrs", security.getUserPrincipal())
        .add("cdi", bean.caller())
        .bytes();
  }

  private CallerReport everything(byte[] body) {
    return new CallerReport()
        .principal("request", request.getUserPrincipal())
        .principal("jaxrs", security.getUserPrincipal())
        .add("jaxrs-in-role", security.isUserInRole("orders.write"))
        .add("ejb", ejb.caller())
        .add("cdi", bean.caller())
        .add("cdi-in-role", bean.inRole("orders.write"))
        .add("cdi-in-other-role", bean.inRole("admin"))
        .body(body);
  }
}
