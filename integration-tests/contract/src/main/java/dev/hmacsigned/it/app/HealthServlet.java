package dev.hmacsigned.it.app;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@link UnsignedResource} as a servlet outside the filter's mapping: open to everyone. */
public class HealthServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** The constructor the container calls. */
  public HealthServlet() {}

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain");
    response.getOutputStream().write("ok".getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("application/octet-stream");
    request.getInputStream().transferTo(response.getOutputStream());
  }
}
