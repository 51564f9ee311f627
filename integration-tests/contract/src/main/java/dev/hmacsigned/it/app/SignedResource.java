package dev.hmacsigned.it.app;

import dev.hmacsigned.jaxrs.HmacSigned;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.TreeMap;

/** The resources of the contract suite: every one needs a valid signature. */
@Path("api")
@HmacSigned
public class SignedResource {
  static final String PRINCIPAL = "X-Hmac-Principal";

  @POST
  @Path("echo")
  public Response echo(byte[] body, @Context SecurityContext security) {
    return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM)
        .header(PRINCIPAL, security.getUserPrincipal().getName())
        .build();
  }

  @PUT
  @Path("echo")
  public Response put(byte[] body, @Context SecurityContext security) {
    return echo(body, security);
  }

  @POST
  @Path("text")
  @Consumes(MediaType.TEXT_PLAIN)
  @Produces(MediaType.TEXT_PLAIN + ";charset=UTF-8")
  public String text(String body) {
    return body;
  }

  @GET
  @Path("items/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response item(@PathParam("id") String id, @Context UriInfo uri) {
    String query = uri.getRequestUri().getRawQuery();
    String json =
        "{\"id\":\"" + id + "\",\"query\":" + (query == null ? "null" : "\"" + query + "\"") + "}";
    return Response.ok(json).build();
  }

  @DELETE
  @Path("items/{id}")
  public Response delete(@PathParam("id") String id, @Context SecurityContext security) {
    return Response.noContent().header(PRINCIPAL, security.getUserPrincipal().getName()).build();
  }

  @POST
  @Path("orders")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Order order(Order order) {
    return order;
  }

  @POST
  @Path("form")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_PLAIN + ";charset=UTF-8")
  public String form(MultivaluedMap<String, String> form) {
    return new TreeMap<>(form).toString();
  }

  /** Streams a large body: answers its length and SHA-256, so nothing large travels back. */
  @POST
  @Path("digest")
  @Produces(MediaType.TEXT_PLAIN)
  public String digest(InputStream body) throws IOException {
    return BodyDigest.of(body);
  }

  @GET
  @Path("whoami")
  @Produces(MediaType.TEXT_PLAIN)
  public String whoami(@Context SecurityContext security) {
    return security.getUserPrincipal().getName()
        + " scheme="
        + security.getAuthenticationScheme()
        + " secure="
        + security.isSecure()
        + " orders.read="
        + security.isUserInRole("orders.read");
  }

  @GET
  @Path("admin")
  @RolesAllowed("admin")
  @Produces(MediaType.TEXT_PLAIN)
  public String admin() {
    return "admin ok";
  }
}
