package dev.hmacsigned.core;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A request held in plain values: for signing in memory, tests and the test vectors. */
final class MapRequestView implements RequestView {
  private final String method;
  private final String rawPath;
  private final @Nullable String rawQuery;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final @Nullable String authority;

  MapRequestView(
      String method,
      String rawPath,
      @Nullable String rawQuery,
      Map<String, List<String>> headers,
      byte[] body,
      @Nullable String authority) {
    this.authority = authority;
    this.method = method;
    this.rawPath = rawPath;
    this.rawQuery = rawQuery;
    this.headers = headers;
    this.body = body;
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public String rawPath() {
    return rawPath;
  }

  @Override
  public @Nullable String rawQuery() {
    return rawQuery;
  }

  @Override
  public List<String> headers(String name) {
    return RequestView.headerValues(headers, name);
  }

  @Override
  public @Nullable String authority() {
    return authority;
  }

  @Override
  public InputStream body() {
    return new ByteArrayInputStream(body);
  }

  byte[] bodyBytes() {
    return body;
  }
}
