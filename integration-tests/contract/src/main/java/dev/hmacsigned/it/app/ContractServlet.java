package dev.hmacsigned.it.app;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The API of {@link SignedResource} as one plain servlet, mapped to {@code /api/*} behind {@code
 * HmacServletFilter}: the same paths, answers and headers, so that the same contract suite runs
 * against both. Roles are checked with {@code isUserInRole}, as a servlet application would.
 */
public class ContractServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** The constructor the container calls. */
  public ContractServlet() {}

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    String route = request.getMethod() + " " + (path.startsWith("/items/") ? "/items/*" : path);
    switch (route) {
      case "POST /echo", "PUT /echo" -> {
        withPrincipal(request, response).setContentType("application/octet-stream");
        request.getInputStream().transferTo(response.getOutputStream());
      }
      case "POST /orders" -> {
        response.setContentType("application/json");
        request.getInputStream().transferTo(response.getOutputStream());
      }
      case "POST /text" -> {
        StringWriter body = new StringWriter();
        request.getReader().transferTo(body);
        text(response, body.toString());
      }
      case "POST /form" -> {
        Map<String, List<String>> form = new TreeMap<>();
        request.getParameterMap().forEach((name, values) -> form.put(name, Arrays.asList(values)));
        text(response, form.toString());
      }
      case "POST /digest" -> text(response, BodyDigest.of(request.getInputStream()));
      case "GET /items/*" -> {
        String query = request.getQueryString();
        response.setContentType("application/json");
        response
            .getWriter()
            .write(
                "{\"id\":\""
                    + path.substring("/items/".length())
                    + "\",\"query\":"
                    + (query == null ? "null" : "\"" + query + "\"")
                    + "}");
      }
      case "DELETE /items/*" ->
          withPrincipal(request, response).setStatus(HttpServletResponse.SC_NO_CONTENT);
      case "GET /whoami" ->
          text(
              response,
              request.getUserPrincipal().getName()
                  + " scheme="
                  + request.getAuthType()
                  + " secure="
                  + request.isSecure()
                  + " orders.read="
                  + request.isUserInRole("orders.read"));
      case "GET /admin" -> {
        if (request.isUserInRole("admin")) {
          text(response, "admin ok");
        } else {
          response.sendError(HttpServletResponse.SC_FORBIDDEN);
        }
      }
      default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  private static HttpServletResponse withPrincipal(
      HttpServletRequest request, HttpServletResponse response) {
    response.setHeader(SignedResource.PRINCIPAL, request.getUserPrincipal().getName());
    return response;
  }

  private static void text(HttpServletResponse response, String text) throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    response.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
  }
}
