package dev.hmacsigned.it.app;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@link UnsignedResource} as a servlet ({@code /health/*}), outside the filter's mapping. */
public class HealthServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** The constructor the container calls. */
  public HealthServlet() {}

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    // health/tmpdir: where this server spills large bodies, as UnsignedResource#tmpdir.
    String text =
        "/tmpdir".equals(request.getPathInfo()) ? System.getProperty("java.io.tmpdir") : "ok";
    response.setContentType("text/plain;charset=UTF-8");
    response.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("application/octet-stream");
    request.getInputStream().transferTo(response.getOutputStream());
  }
}
