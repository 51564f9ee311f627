package dev.hmacsigned.it.mp;

import dev.hmacsigned.client.HmacClientFeature;
import dev.hmacsigned.it.app.Order;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The contract application's signed resources as a MicroProfile Rest Client sees them, signing as a
 * user's interface would: {@code @RegisterProvider(HmacClientFeature.class)} and nothing else in
 * code. The feature's no-argument constructor reads {@code hmac.keys.file} and {@code
 * hmac.client.key-id} from MicroProfile Config (then system properties and the environment). The
 * base URI is the application's root: configuration key {@value #CONFIG_KEY}.
 *
 * <p>The {@code m/…} methods reach the echo ({@code EchoResource}), which answers the method,
 * length and SHA-256 of the body it read in {@code X-Method}, {@code X-Body-Sha256} and {@code
 * X-Principal}.
 */
@RegisterRestClient(configKey = SignedApi.CONFIG_KEY)
@RegisterProvider(HmacClientFeature.class)
@Path("api")
public interface SignedApi {
  /** The configuration key of the client ({@code quarkus.rest-client.signed-api.url}, …). */
  String CONFIG_KEY = "signed-api";

  /**
   * A signed GET with a query.
   *
   * @param path below {@code api/m/}
   * @param query the value of {@code q}, encoded by the client
   * @return the echo
   */
  @GET
  @Path("m/{path}")
  Response get(@PathParam("path") String path, @QueryParam("q") String query);

  /**
   * A signed POST of bytes.
   *
   * @param path below {@code api/m/}
   * @param body the body
   * @return the echo
   */
  @POST
  @Path("m/{path}")
  @Consumes(MediaType.APPLICATION_OCTET_STREAM)
  Response post(@PathParam("path") String path, byte[] body);

  /**
   * A signed POST of a stream, read by the client as it writes the request.
   *
   * @param path below {@code api/m/}
   * @param body the body
   * @return the echo
   */
  @POST
  @Path("m/{path}")
  @Consumes(MediaType.APPLICATION_OCTET_STREAM)
  Response postStream(@PathParam("path") String path, InputStream body);

  /**
   * A signed PUT of text, encoded as UTF-8 by the client.
   *
   * @param path below {@code api/m/}
   * @param body the text
   * @return the echo
   */
  @PUT
  @Path("m/{path}")
  @Consumes(MediaType.TEXT_PLAIN + ";charset=UTF-8")
  Response put(@PathParam("path") String path, String body);

  /**
   * A signed PATCH of JSON text.
   *
   * @param path below {@code api/m/}
   * @param json the JSON
   * @return the echo
   */
  @PATCH
  @Path("m/{path}")
  @Consumes(MediaType.APPLICATION_JSON)
  Response patch(@PathParam("path") String path, String json);

  /**
   * A signed DELETE, without a body.
   *
   * @param path below {@code api/m/}
   * @return the echo
   */
  @DELETE
  @Path("m/{path}")
  Response delete(@PathParam("path") String path);

  /**
   * A signed POST of an object, written as JSON by the client's JSON provider and read back by the
   * server's.
   *
   * @param order the order
   * @return the order the server read
   */
  @POST
  @Path("orders")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  Order order(Order order);

  /**
   * The resource only the role {@code admin} may call: {@code 403} for any other key.
   *
   * @return its answer
   */
  @GET
  @Path("admin")
  @Produces(MediaType.TEXT_PLAIN)
  String admin();
}
