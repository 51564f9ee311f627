package dev.hmacsigned.benchmarks.http;

import dev.hmacsigned.jaxrs.HmacSigned;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;

/**
 * The resources of the HTTP benchmark in JAX-RS: the same code under {@code /signed} (with {@link
 * HmacSigned}) and under {@code /plain} (without), and the application that lists both with {@code
 * HmacServerFeature}, as a user writes it.
 */
public final class EchoResources {
  private EchoResources() {}

  /** The echo resource's methods; subclassed once signed and once plain. */
  public abstract static class Echo {
    /** For subclasses. */
    protected Echo() {}

    /**
     * The body back, byte for byte.
     *
     * @param body the body
     * @param contentType the request's {@code Content-Type}
     * @return 200 with the body
     */
    @POST
    @Path("echo")
    public Response echo(byte[] body, @HeaderParam("Content-Type") String contentType) {
      return Response.ok(body, contentType).build();
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

  /** The resources with the library on. */
  @Path("signed")
  @HmacSigned
  public static class Signed extends Echo {
    /** Created per request. */
    public Signed() {}
  }

  /** The same resources with the library off. */
  @Path("plain")
  public static class Plain extends Echo {
    /** Created per request. */
    public Plain() {}
  }

  /** Both resources and {@code HmacServerFeature}, configured from the system properties. */
  public static class App extends Application {
    /** The constructor the runtimes call. */
    public App() {}

    @Override
    public Set<Class<?>> getClasses() {
      return Set.of(Signed.class, Plain.class, dev.hmacsigned.jaxrs.HmacServerFeature.class);
    }
  }
}
