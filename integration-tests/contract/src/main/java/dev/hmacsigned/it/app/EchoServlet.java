package dev.hmacsigned.it.app;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/**
 * The echo endpoint of the compatibility matrix as a plain servlet, mapped to {@code /m/*} behind
 * {@code HmacServletFilter}: every method (it overrides {@code service}, so PATCH too), the same
 * answer as {@link EchoResource}.
 */
public class EchoServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** The constructor the container calls. */
  public EchoServlet() {}

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    EchoReply reply = EchoReply.read(request.getMethod(), request.getInputStream());
    response.setStatus(HttpServletResponse.SC_OK);
    response.setHeader(EchoReply.BODY_SHA256, reply.sha256());
    response.setHeader(EchoReply.METHOD, reply.method());
    Principal principal = request.getUserPrincipal();
    if (principal != null) {
      response.setHeader(EchoReply.PRINCIPAL, principal.getName());
    }
    byte[] json = reply.json();
    response.setContentType(EchoReply.JSON);
    response.setContentLength(json.length);
    if (!"HEAD".equals(reply.method())) {
      response.getOutputStream().write(json);
    }
  }
}
