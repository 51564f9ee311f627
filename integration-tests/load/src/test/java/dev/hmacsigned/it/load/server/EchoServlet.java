package dev.hmacsigned.it.load.server;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The signed endpoints as a servlet on {@code /signed/*}: {@code POST /echo} answers the body it
 * read, byte for byte, with the request's {@code Content-Type}; {@code POST /digest} answers what
 * {@link Digests#of} tells of the body it read, streamed; {@code GET /items/<id>} answers {@code
 * items/<id>?<raw query>}.
 */
public final class EchoServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** A servlet registered by instance. */
  public EchoServlet() {}

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if ("/digest".equals(request.getPathInfo())) {
      byte[] answer = Digests.of(request.getInputStream()).getBytes(StandardCharsets.US_ASCII);
      response.setContentType("text/plain;charset=us-ascii");
      response.setContentLength(answer.length);
      response.getOutputStream().write(answer);
      return;
    }
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
