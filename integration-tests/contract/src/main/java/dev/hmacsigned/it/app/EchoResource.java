package dev.hmacsigned.it.app;

import dev.hmacsigned.jaxrs.HmacSigned;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;

/**
 * The echo endpoint of the compatibility matrix, as a JAX-RS resource: {@code api/m/<any path>},
 * every method, every request signed. It reads the raw body whatever its type and answers 200 with
 * what it saw ({@link EchoReply}): headers {@code X-Body-Sha256}, {@code X-Method} and {@code
 * X-Principal}, and, except for HEAD, the same as JSON.
 *
 * <p>One method per HTTP method, each taking the body as a stream: no runtime then supplies HEAD or
 * OPTIONS on its own, and no entity provider interprets the bytes.
 */
@Path("api/m/{path: .*}")
@HmacSigned
public class EchoResource {
  @Context private Request request;
  @Context private SecurityContext security;

  /** The constructor the runtime calls. */
  public EchoResource() {}

  /**
   * GET.
   *
   * @param body the body, usually empty
   * @return the echo
   * @throws IOException if the body cannot be read
   */
  @GET
  public Response get(InputStream body) throws IOException {
    return echo(body);
  }

  /**
   * HEAD: the headers of the echo, no body.
   *
   * @param body the body, usually empty
   * @return the echo's headers
   * @throws IOException if the body cannot be read
   */
  @HEAD
  public Response head(InputStream body) throws IOException {
    return echo(body);
  }

  /**
   * POST.
   *
   * @param body the body
   * @return the echo
   * @throws IOException if the body cannot be read
   */
  @POST
  public Response post(InputStream body) throws IOException {
    return echo(body);
  }

  /**
   * PUT.
   *
   * @param body the body
   * @return the echo
   * @throws IOException if the body cannot be read
   */
  @PUT
  public Response put(InputStream body) throws IOException {
    return echo(body);
  }

  /**
   * PATCH.
   *
   * @param body the body
   * @return the echo
   * @throws IOException if the body cannot be read
   */
  @PATCH
  public Response patch(InputStream body) throws IOException {
    return echo(body);
  }

  /**
   * DELETE.
   *
   * @param body the body, usually empty
   * @return the echo
   * @throws IOException if the body cannot be read
   */
  @DELETE
  public Response delete(InputStream body) throws IOException {
    return echo(body);
  }

  /**
   * OPTIONS.
   *
   * @param body the body, usually empty
   * @return the echo
   * @throws IOException if the body cannot be read
   */
  @OPTIONS
  public Response options(InputStream body) throws IOException {
    return echo(body);
  }

  private Response echo(InputStream body) throws IOException {
    EchoReply reply = EchoReply.read(request.getMethod(), body);
    Response.ResponseBuilder answer =
        Response.ok()
            .header(EchoReply.BODY_SHA256, reply.sha256())
            .header(EchoReply.METHOD, reply.method());
    Principal principal = security.getUserPrincipal();
    if (principal != null) {
      answer.header(EchoReply.PRINCIPAL, principal.getName());
    }
    if (!"HEAD".equals(reply.method())) {
      answer.entity(reply.json()).type(EchoReply.JSON);
    }
    return answer.build();
  }
}
