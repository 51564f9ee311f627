package dev.hmacsigned.it.security;

import jakarta.ejb.EJBAccessException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The EJB container's refusal of a caller without the role, as the 403 it is. */
@Provider
public class EjbAccessMapper implements ExceptionMapper<EJBAccessException> {
  /** The constructor the runtime calls. */
  public EjbAccessMapper() {}

  @Override
  public Response toResponse(EJBAccessException exception) {
    return Response.status(Response.Status.FORBIDDEN)
        .type(MediaType.TEXT_PLAIN_TYPE)
        .entity("refused by the EJB container")
        .build();
  }
}
