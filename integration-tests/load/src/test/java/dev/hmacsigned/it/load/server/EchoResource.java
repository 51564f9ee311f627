package dev.hmacsigned.it.load.server;

import dev.hmacsigned.jaxrs.HmacSigned;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;

/** The signed endpoints as a JAX-RS resource: the same answers as {@link EchoServlet}. */
@Path("signed")
@HmacSigned
public class EchoResource {
  /** A resource Jersey creates per request. */
  public EchoResource() {}

  /**
   * The body back, byte for byte.
   *
   * @param body the verified body
   * @param contentType the request's {@code Content-Type}
   * @return 200 with the body
   */
  @POST
  @Path("echo")
  public Response echo(byte[] body, @HeaderParam("Content-Type") String contentType) {
    return Response.ok(body, contentType).build();
  }

  /**
   * What {@link Digests#of} tells of the body as the resource reads it, streamed.
   *
   * @param body the verified body
   * @return {@code bytes=<n> sha-256=<hex>}
   * @throws IOException if the body cannot be read
   */
  @POST
  @Path("digest")
  @Produces(MediaType.TEXT_PLAIN)
  public String digest(InputStream body) throws IOException {
    return Digests.of(body);
  }

  /**
   * The item's path and the raw query as received.
   *
   * @param id the item
   * @param uri the request's URI
   * @return {@code items/<id>?<raw query>}
   */
  @GET
  @Path("items/{id}")
  @Produces(MediaType.TEXT_PLAIN + ";charset=utf-8")
  public String item(@PathParam("id") String id, @Context UriInfo uri) {
    return "items/" + id + "?" + uri.getRequestUri().getRawQuery();
  }
}
