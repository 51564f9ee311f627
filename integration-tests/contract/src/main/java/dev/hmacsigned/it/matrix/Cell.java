package dev.hmacsigned.it.matrix;

/**
 * One request sent by one client to one server, and its verdict.
 *
 * @param kind {@code corpus}, {@code control} or {@code tamper}
 * @param client the client (or tamper sender)
 * @param target the server
 * @param request the request's name
 * @param verdict the verdict
 * @param status the status, -1 for none
 * @param code the problem {@code code} of a rejection, else {@code null}
 * @param protocol the HTTP version that answered, where known
 * @param detail what went wrong, the reason for N/A or a refusal, else {@code null}
 */
public record Cell(
    String kind,
    String client,
    String target,
    String request,
    Verdict verdict,
    int status,
    String code,
    String protocol,
    String detail) {

  /**
   * One line for the report.
   *
   * @return the line
   */
  public String describe() {
    return String.format(
        "%-8s %-24s -> %-18s %-34s %s status=%d%s%s%s",
        kind,
        client,
        target,
        request,
        verdict,
        status,
        code == null ? "" : " code=" + code,
        protocol == null ? "" : " " + protocol,
        detail == null ? "" : " (" + detail + ")");
  }
}
