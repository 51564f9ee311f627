package dev.hmacsigned.core;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Collections;
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

  /**
   * As {@link RequestView#headerValues}, without copying when one key of the map matches: the
   * caller's own list is returned, read-only.
   */
  @Override
  public List<String> headers(String name) {
    List<String> found = null;
    int matches = 0;
    for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
      if (entry.getValue() != null && entry.getKey().equalsIgnoreCase(name)) {
        found = entry.getValue();
        matches++;
      }
    }
    if (matches > 1) {
      return RequestView.headerValues(headers, name);
    }
    return found == null ? List.of() : Collections.unmodifiableList(found);
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
