package dev.hmacsigned.demo;

import dev.hmacsigned.jaxrs.HmacSigned;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

/** The demo's JAX-RS resources under {@code /api}: two signed, one open. */
@Path("/")
public class DemoResource {

  /** Answers the signed body unchanged, and who signed it. */
  @POST
  @Path("echo")
  @HmacSigned
  public Response echo(byte[] body, @Context SecurityContext security) {
    return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM)
        .header("X-Hmac-Principal", security.getUserPrincipal().getName())
        .build();
  }

  /** The id and the raw query, as JSON. */
  @GET
  @Path("items/{id}")
  @HmacSigned
  @Produces(MediaType.APPLICATION_JSON)
  public String item(@PathParam("id") String id, @Context UriInfo uri) {
    String query = uri.getRequestUri().getRawQuery();
    return Json.item(id, query);
  }

  /** Not signed: a load balancer's health check. */
  @GET
  @Path("health")
  @Produces(MediaType.TEXT_PLAIN)
  public String health() {
    return "ok";
  }
}
