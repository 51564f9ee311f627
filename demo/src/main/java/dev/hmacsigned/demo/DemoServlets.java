package dev.hmacsigned.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Plain servlets under {@code /servlet}, protected by {@code HmacServletFilter} (but health). */
final class DemoServlets {
  private DemoServlets() {}

  /** {@code POST /servlet/echo}: the body unchanged, and who signed it. */
  static final class Echo extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      byte[] body = request.getInputStream().readAllBytes();
      response.setContentType("application/octet-stream");
      response.setHeader("X-Hmac-Principal", request.getUserPrincipal().getName());
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
    }
  }

  /** {@code GET /servlet/items/<id>}: the id and the raw query. */
  static final class Items extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String path = request.getPathInfo() == null ? "" : request.getPathInfo();
      response.setContentType("application/json");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response
          .getWriter()
          .write(
              Json.item(path.startsWith("/") ? path.substring(1) : path, request.getQueryString()));
    }
  }

  /** {@code GET /servlet/health}: not protected. */
  static final class Health extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      response.setContentType("text/plain");
      response.getWriter().write("ok");
    }
  }
}
