package dev.hmacsigned.it.security;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A servlet behind a {@code <security-constraint>} for the role {@code orders.write} ({@code
 * servlet/*} in the WAR's {@code web.xml}): reports the caller as the request, the EJB container
 * and Jakarta Security see it, and the body it read from {@code getInputStream()}.
 */
public class CallerServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @EJB private transient CallerEjb ejb;
  @Inject private transient CallerBean bean;

  /** The constructor the container calls. */
  public CallerServlet() {}

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    byte[] body = request.getInputStream().readAllBytes();
    String ejbCaller;
    try {
      ejbCaller = ejb.caller();
    } catch (EJBAccessException e) {
      ejbCaller = "(refused)";
    }
    CallerReport report =
        new CallerReport()
            .principal("request", request.getUserPrincipal())
            .add("request-in-role", request.isUserInRole("orders.write"))
            .add("ejb", ejbCaller)
            .add("cdi", bean.caller())
            .add("cdi-in-role", bean.inRole("orders.write"))
            .body(body);
    response.setContentType("text/plain;charset=UTF-8");
    response.getOutputStream().write(report.bytes());
  }
}
