package dev.hmacsigned.it.quarkus;

import dev.hmacsigned.jaxrs.HmacSigned;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Signed resource methods with a reactive return type, which Quarkus REST runs on the event loop
 * unless they are {@link Blocking}: there a signed request cannot be read, and the library refuses
 * every request to them with 500 and an error naming {@code @Blocking} (the README says to add it).
 */
@Path("reactive")
@HmacSigned
public class ReactiveResource {
  /**
   * Non-blocking, with a body: refused.
   *
   * @param body the body
   * @return never
   */
  @POST
  @Path("non-blocking")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.TEXT_PLAIN)
  public Uni<String> nonBlocking(String body) {
    return Uni.createFrom().item(body);
  }

  /**
   * Non-blocking, without a body: refused all the same (the library reads the entity stream of
   * every request, even an empty one).
   *
   * @return never
   */
  @GET
  @Path("non-blocking")
  @Produces(MediaType.TEXT_PLAIN)
  public Uni<String> nonBlockingGet() {
    return Uni.createFrom().item("ok");
  }

  /**
   * The same method made {@link Blocking}, as the README says: verified on a worker thread.
   *
   * @param body the body
   * @return the body
   */
  @POST
  @Path("blocking")
  @Blocking
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.TEXT_PLAIN)
  public Uni<String> blocking(String body) {
    return Uni.createFrom().item(body);
  }
}
