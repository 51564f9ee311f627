package dev.hmacsigned.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The two requests every signer and verifier benchmark measures (issue 14): a GET with a query and
 * a POST of 1 KiB of JSON, both to {@code api.example.com}.
 */
public enum Shape {
  /** {@code GET /shop/api/orders?status=open&page=2&limit=50&sort=-created}, no body. */
  GET("GET", "/shop/api/orders", "status=open&page=2&limit=50&sort=-created", null, new byte[0]),
  /** {@code POST /shop/api/orders} with 1,024 bytes of JSON. */
  POST("POST", "/shop/api/orders", null, "application/json; charset=utf-8", json(1024));

  /** The authority of every request. */
  public static final String HOST = "api.example.com";

  final String method;
  final String path;
  final @Nullable String query;
  final @Nullable String contentType;
  final byte[] body;

  Shape(
      String method,
      String path,
      @Nullable String query,
      @Nullable String contentType,
      byte[] body) {
    this.method = method;
    this.path = path;
    this.query = query;
    this.contentType = contentType;
    this.body = body;
  }

  /** The request's headers before signing, as a client holds them. */
  Map<String, List<String>> headers() {
    return contentType == null
        ? Map.of("Host", List.of(HOST))
        : Map.of("Host", List.of(HOST), "Content-Type", List.of(contentType));
  }

  /** The request target: path and, when there is one, {@code ?} and the query. */
  String target() {
    return query == null ? path : path + "?" + query;
  }

  /** A JSON array of order lines, exactly {@code size} bytes long. */
  private static byte[] json(int size) {
    StringBuilder out = new StringBuilder("{\"lines\":[");
    for (int i = 0; out.length() < size - 40; i++) {
      out.append(i == 0 ? "" : ",").append("{\"sku\":\"A-").append(1000 + i).append("\",\"n\":2}");
    }
    out.append("],\"note\":\"");
    while (out.length() < size - 2) {
      out.append('x');
    }
    out.append("\"}");
    byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
    if (bytes.length != size) {
      throw new IllegalStateException("the JSON body is " + bytes.length + " bytes");
    }
    return bytes;
  }
}
