package dev.hmacsigned.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The complete HTTP response for a rejection, built once here so that every adapter answers alike:
 * the status, every header, and an RFC 9457 {@code application/problem+json} body with the stable
 * {@code code}. An adapter writes {@link #headers()} and {@link #body()} as given, adding nothing.
 *
 * <pre>
 * HTTP/1.1 401 Unauthorized
 * WWW-Authenticate: HMAC-SHA256 realm="api"
 * WWW-Authenticate: HMAC-SHA512 realm="api"
 * Content-Type: application/problem+json
 * Cache-Control: no-store
 * Content-Length: 154
 *
 * {"type":"about:blank","title":"Unauthorized","status":401,"code":"stale_timestamp","detail":"…"}
 * </pre>
 *
 * <p>Security: the body carries only the public code and its fixed advice; {@code no-store} keeps
 * it out of caches.
 */
public final class RejectionResponse {
  /** The media type of {@link #body()}. */
  public static final String CONTENT_TYPE = "application/problem+json";

  private final int status;
  private final RejectionCode code;
  private final List<Map.Entry<String, String>> headers;
  private final byte[] body;

  private RejectionResponse(
      int status, RejectionCode code, List<Map.Entry<String, String>> headers, byte[] body) {
    this.status = status;
    this.code = code;
    this.headers = List.copyOf(headers);
    this.body = body;
  }

  /**
   * The response for a public code.
   *
   * @param code the code
   * @param realm the realm of the challenges
   * @return the response
   */
  public static RejectionResponse of(RejectionCode code, String realm) {
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
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    if (code.status() == 401) {
      for (Algorithm algorithm : Algorithm.values()) {
        headers.add(Map.entry("WWW-Authenticate", algorithm.scheme() + " realm=\"" + realm + "\""));
      }
    }
    if (code.status() == 503) {
      headers.add(Map.entry("Retry-After", "1"));
    }
    headers.add(Map.entry("Content-Type", CONTENT_TYPE));
    headers.add(Map.entry("Cache-Control", "no-store"));
    headers.add(Map.entry("Content-Length", Integer.toString(body.length)));
    return new RejectionResponse(code.status(), code, headers, body);
  }

  /**
   * The HTTP status: 401, 413 or 503.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * The public code.
   *
   * @return the code
   */
  public RejectionCode code() {
    return code;
  }

  /**
   * Every header of the response, in order, names as they are written: one {@code WWW-Authenticate}
   * per accepted scheme on a 401, {@code Retry-After: 1} on a 503, {@code Content-Type}, {@code
   * Cache-Control} and {@code Content-Length}.
   *
   * @return an immutable list of name and value
   */
  public List<Map.Entry<String, String>> headers() {
    return headers;
  }

  /**
   * The values of one header of the response.
   *
   * @param name a header name, any case
   * @return the values, in order; empty when absent
   */
  public List<String> headers(String name) {
    List<String> values = new ArrayList<>(2);
    for (Map.Entry<String, String> header : headers) {
      if (header.getKey().equalsIgnoreCase(name)) {
        values.add(header.getValue());
      }
    }
    return values;
  }

  /**
   * The problem document, UTF-8 JSON.
   *
   * @return a copy of the bytes
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * The problem document as text.
   *
   * @return the JSON
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
  public String toString() {
    return "RejectionResponse[" + status + " " + code.code() + "]";
  }
}
