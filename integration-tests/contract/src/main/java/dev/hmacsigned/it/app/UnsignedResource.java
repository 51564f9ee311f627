package dev.hmacsigned.it.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Not annotated: must behave exactly as without the library. */
@Path("health")
public class UnsignedResource {
  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public String health() {
    return "ok";
  }

  @POST
  @Produces(MediaType.APPLICATION_OCTET_STREAM)
  public byte[] echo(byte[] body) {
    return body;
  }

  /** Where this server spills large bodies, so that the suite checks for left-over files there. */
  @GET
  @Path("tmpdir")
  @Produces(MediaType.TEXT_PLAIN)
  public String tmpdir() {
    return System.getProperty("java.io.tmpdir");
  }
}
