package dev.hmacsigned.core;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A request built in a test: header lines kept in order, names matched case-insensitively. */
final class TestRequest implements RequestView {
  final String method;
  final String rawPath;
  final String rawQuery;
  final List<Map.Entry<String, String>> headers = new ArrayList<>();
  final byte[] body;
  String authority;
  int bodyReads;
  java.util.function.Supplier<InputStream> bodyStream;

  TestRequest(String method, String rawPath, String rawQuery, byte[] body) {
    this.method = method;
    this.rawPath = rawPath;
    this.rawQuery = rawQuery;
    this.body = body;
  }

  TestRequest header(String name, String value) {
    headers.add(Map.entry(name, value));
    return this;
  }

  TestRequest authority(String authority) {
    this.authority = authority;
    return this;
  }

  TestRequest withoutHeader(String name) {
    headers.removeIf(e -> e.getKey().equalsIgnoreCase(name));
    return this;
  }

  TestRequest copy(String method, String rawPath, String rawQuery, byte[] body) {
    TestRequest copy = new TestRequest(method, rawPath, rawQuery, body);
    copy.headers.addAll(headers);
    copy.authority = authority;
    return copy;
  }

  Map<String, List<String>> headerMap() {
    Map<String, List<String>> map = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, String> e : headers) {
      map.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
    }
    return map;
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
  public String rawQuery() {
    return rawQuery;
  }

  @Override
  public List<String> headers(String name) {
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, String> e : headers) {
      if (e.getKey().equalsIgnoreCase(name)) {
        values.add(e.getValue());
      }
    }
    return values;
  }

  @Override
  public String authority() {
    return authority;
  }

  @Override
  public InputStream body() {
    bodyReads++;
    return bodyStream != null ? bodyStream.get() : new ByteArrayInputStream(body);
  }
}
