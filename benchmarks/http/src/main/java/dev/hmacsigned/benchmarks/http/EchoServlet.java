package dev.hmacsigned.benchmarks.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The resources of the HTTP benchmark as a servlet, mapped on {@code /signed/*} (behind the filter)
 * and on {@code /plain/*} (without it): {@code POST /echo} answers the body it read, byte for byte;
 * {@code GET /items/<id>} answers {@code items/<id>?<raw query>}.
 */
public final class EchoServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** A servlet registered by instance. */
  public EchoServlet() {}

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    byte[] body = request.getInputStream().readAllBytes();
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(request.getContentType());
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String pathInfo = String.valueOf(request.getPathInfo());
    if (!pathInfo.startsWith("/items/")) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    byte[] body =
        (pathInfo.substring(1) + "?" + request.getQueryString()).getBytes(StandardCharsets.UTF_8);
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("text/plain;charset=utf-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
