package dev.hmacsigned.it.unguarded;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Unsigned: that the application is up (for {@code ServerJvm}), and how many orders it placed. */
@Path("health")
public class HealthResource {
  /**
   * Always {@code ok}.
   *
   * @return {@code ok}
   */
  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public String health() {
    return "ok";
  }

  /**
   * How many calls reached {@link OrdersResource#place}.
   *
   * @return the number, in decimal
   */
  @GET
  @Path("placed")
  @Produces(MediaType.TEXT_PLAIN)
  public String placed() {
    return Integer.toString(OrdersResource.PLACED.get());
  }
}
