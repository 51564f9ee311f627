package dev.hmacsigned.it.unguarded;

import dev.hmacsigned.jaxrs.HmacSigned;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The only {@code @HmacSigned} resource of {@link UnguardedApplication}. Placing an order has a
 * side effect the test can see from outside ({@link HealthResource#placed}): a call that reached
 * this method unverified would show there, even if its answer looked like a refusal.
 */
@Path("orders")
@HmacSigned
public class OrdersResource {
  /** Orders placed since the application started: calls that reached {@link #place}. */
  static final AtomicInteger PLACED = new AtomicInteger();

  /**
   * Places an order.
   *
   * @param order the order, as text
   * @param security the caller, as the library's filter set it
   * @return who placed it, and the order
   */
  @POST
  @Consumes(MediaType.TEXT_PLAIN)
  @Produces(MediaType.TEXT_PLAIN)
  public String place(String order, @Context SecurityContext security) {
    PLACED.incrementAndGet();
    return caller(security) + " placed " + order;
  }

  /**
   * Who is calling.
   *
   * @param security the caller, as the library's filter set it
   * @return the caller's name and the scheme it was authenticated with
   */
  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public String whoami(@Context SecurityContext security) {
    return caller(security) + " scheme=" + security.getAuthenticationScheme();
  }

  /** The caller's name; {@code anonymous} if the request reached the method unverified. */
  private static String caller(SecurityContext security) {
    return security.getUserPrincipal() == null
        ? "anonymous"
        : security.getUserPrincipal().getName();
  }
}
