package dev.hmacsigned.servlet.internal;

import dev.hmacsigned.core.RejectionResponse;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a rejection (status, {@code WWW-Authenticate} and the other headers, the problem document)
 * to a servlet response: for {@code HmacServletFilter} and for the Jakarta Security mechanism of
 * {@code hmac-signed-jakarta-security}, which answer the same way.
 */
public final class RejectionWriter {
  private RejectionWriter() {}

  /**
   * Answers with a rejection, unless the response is already committed.
   *
   * @param response the response, not yet committed
   * @param rejection what to answer
   * @throws IOException if writing fails
   */
  public static void write(HttpServletResponse response, RejectionResponse rejection)
      throws IOException {
    if (response.isCommitted()) {
      return; // an earlier filter already answered; there is nothing left to say
    }
    response.resetBuffer();
    response.setStatus(rejection.status());
    Set<String> written = new HashSet<>();
    for (Map.Entry<String, String> header : rejection.headers()) {
      // The first value of a name replaces what an earlier filter may have set; later ones add.
      if (written.add(header.getKey().toLowerCase(Locale.ROOT))) {
        response.setHeader(header.getKey(), header.getValue());
      } else {
        response.addHeader(header.getKey(), header.getValue());
      }
    }
    byte[] body = rejection.body();
    ServletOutputStream out;
    try {
      out = response.getOutputStream();
    } catch (IllegalStateException e) {
      // An earlier filter took the writer; the problem document is ASCII, so any charset works.
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      PrintWriter writer = response.getWriter();
      writer.write(rejection.bodyText());
      writer.flush();
      return;
    }
    out.write(body);
    out.flush();
  }
}
