package dev.hmacsigned.it.load.server;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;

/**
 * The heap of the server's JVM after full garbage collection, for the load test to compare the heap
 * at the end of the warm-up with the heap at the end of the run. Unsigned: it is not behind the
 * library.
 */
public final class HeapProbe {
  private HeapProbe() {}

  /**
   * Collects until the used heap stops shrinking (at most 5 {@code System.gc()}, each a full
   * collection with the JVM's default collector) and reports the least used heap seen.
   *
   * @return {@code used=<bytes> committed=<bytes> max=<bytes>}
   */
  static String report() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      long used = memory.getHeapMemoryUsage().getUsed();
      if (used >= least - 64 * 1024) {
        least = Math.min(least, used);
        break; // shrinks no more
      }
      least = used;
    }
    return "used="
        + least
        + " committed="
        + memory.getHeapMemoryUsage().getCommitted()
        + " max="
        + memory.getHeapMemoryUsage().getMax();
  }

  /** The probe as a servlet: {@code GET <mapping>/heap}. */
  public static final class Servlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** A servlet registered by instance. */
    public Servlet() {}

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      byte[] body = report().getBytes(StandardCharsets.US_ASCII);
      response.setContentType("text/plain");
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
    }
  }

  /** The probe as a JAX-RS resource: {@code GET probe/heap}. */
  @Path("probe")
  public static class Resource {
    /** A resource Jersey creates per request. */
    public Resource() {}

    /**
     * The report.
     *
     * @return {@link HeapProbe#report()}
     */
    @GET
    @Path("heap")
    @Produces(MediaType.TEXT_PLAIN)
    public String heap() {
      return report();
    }
  }
}
