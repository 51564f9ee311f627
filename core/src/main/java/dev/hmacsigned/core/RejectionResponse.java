package dev.hmacsigned.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP response for a rejection (protocol v1 §4), built once here so that every adapter answers
 * alike: the status, one {@code WWW-Authenticate} challenge per accepted scheme on a 401, and an
 * RFC 9457 {@code application/problem+json} body with the stable {@code code}.
 *
 * <pre>
 * HTTP/1.1 401 Unauthorized
 * WWW-Authenticate: HMAC-SHA256 realm="api"
 * WWW-Authenticate: HMAC-SHA512 realm="api"
 * Content-Type: application/problem+json
 *
 * {"type":"about:blank","title":"Unauthorized","status":401,"code":"stale_timestamp","detail":"…"}
 * </pre>
 *
 * <p>Security: the body carries only the public code and its fixed advice.
 *
 * @param status the HTTP status
 * @param challenges the {@code WWW-Authenticate} values, empty unless the status is 401
 * @param code the public code
 * @param body the problem document, UTF-8 JSON
 */
public record RejectionResponse(
    int status, List<String> challenges, RejectionCode code, byte[] body) {
  /** The media type of {@link #body()}. */
  public static final String CONTENT_TYPE = "application/problem+json";

  /**
   * Copies the lists.
   *
   * @throws NullPointerException on a null component
   */
  public RejectionResponse {
    challenges = List.copyOf(challenges);
    body = body.clone();
  }

  /**
   * Builds the response for a public code.
   *
   * @param code the code
   * @param realm the realm of the challenges: printable ASCII without {@code "} or {@code \}
   * @return the response
   */
  public static RejectionResponse of(RejectionCode code, String realm) {
    List<String> challenges = new ArrayList<>();
    if (code.status() == 401) {
      for (Algorithm algorithm : Algorithm.values()) {
        challenges.add(algorithm.scheme() + " realm=\"" + realm + "\"");
      }
    }
    String json =
        "{\"type\":\"about:blank\",\"title\":\""
            + title(code.status())
            + "\",\"status\":"
            + code.status()
            + ",\"code\":\""
            + code.code()
            + "\",\"detail\":\""
            + code.advice()
            + "\"}";
    return new RejectionResponse(
        code.status(), challenges, code, json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The body; a copy.
   *
   * @return the UTF-8 JSON bytes
   */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /**
   * The body as text.
   *
   * @return the JSON document
   */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  private static String title(int status) {
    return switch (status) {
      case 401 -> "Unauthorized";
      case 413 -> "Content Too Large";
      case 503 -> "Service Unavailable";
      default -> "Error";
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RejectionResponse r
        && r.status == status
        && r.code == code
        && r.challenges.equals(challenges);
  }

  @Override
  public int hashCode() {
    return 31 * code.hashCode() + challenges.hashCode();
  }

  @Override
  public String toString() {
    return "RejectionResponse[" + status + " " + code.code() + "]";
  }
}
