package dev.hmacsigned.it.mp;

import dev.hmacsigned.it.app.EchoReply;
import dev.hmacsigned.it.app.Order;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Not signed: how a test drives the runtime's MicroProfile Rest Client ({@link SignedApi}, injected
 * as an application would inject it) against the same application's signed resources, over HTTP.
 * Each answer says what the signed resource saw, so the test compares it with what it sent.
 */
@Path("probe")
public class RestClientProbe {
  /** Answer line: the status of the signed call, then what the echo saw. */
  static final String FORMAT = "status=%d method=%s sha256=%s principal=%s";

  @Inject @RestClient SignedApi api;

  /** The constructor the runtime calls. */
  public RestClientProbe() {}

  /**
   * Sends a body to the echo through the client.
   *
   * @param method {@code GET}, {@code POST}, {@code STREAM} (a POST of an {@code InputStream}),
   *     {@code PUT} (the body as UTF-8 text), {@code PATCH} (the body as JSON text) or {@code
   *     DELETE}; {@code GET} and {@code DELETE} send no body
   * @param query the query parameter {@code q} of a GET
   * @param body the body to send
   * @return {@link #FORMAT}
   */
  @POST
  @Path("echo/{method}")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.TEXT_PLAIN)
  public String echo(
      @PathParam("method") String method, @QueryParam("q") String query, byte[] body) {
    String path = "probe-" + method.toLowerCase(Locale.ROOT);
    try (Response echo = call(method, path, query, body)) {
      return describe(echo);
    } catch (WebApplicationException refused) {
      return describe(refused.getResponse());
    }
  }

  /**
   * Sends an object as JSON through the client.
   *
   * @param order the order
   * @return the order the signed resource read and answered
   */
  @POST
  @Path("orders")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Order order(Order order) {
    return api.order(order);
  }

  /**
   * Calls the resource that needs the role {@code admin}.
   *
   * @return {@code status=200 <its answer>}, or {@code status=<status>} if it was refused
   */
  @GET
  @Path("admin")
  @Produces(MediaType.TEXT_PLAIN)
  public String admin() {
    try {
      return "status=200 " + api.admin();
    } catch (WebApplicationException refused) {
      return "status=" + refused.getResponse().getStatus();
    }
  }

  private Response call(String method, String path, String query, byte[] body) {
    return switch (method) {
      case "GET" -> api.get(path, query);
      case "POST" -> api.post(path, body);
      case "STREAM" -> api.postStream(path, new ByteArrayInputStream(body));
      case "PUT" -> api.put(path, new String(body, StandardCharsets.UTF_8));
      case "PATCH" -> api.patch(path, new String(body, StandardCharsets.UTF_8));
      case "DELETE" -> api.delete(path);
      default -> throw new NotFoundException();
    };
  }

  private static String describe(Response echo) {
    return String.format(
        Locale.ROOT,
        FORMAT,
        echo.getStatus(),
        echo.getHeaderString(EchoReply.METHOD),
        echo.getHeaderString(EchoReply.BODY_SHA256),
        echo.getHeaderString(EchoReply.PRINCIPAL));
  }
}
