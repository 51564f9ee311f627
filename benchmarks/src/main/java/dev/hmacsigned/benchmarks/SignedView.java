package dev.hmacsigned.benchmarks;

import dev.hmacsigned.core.RequestView;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A signed request as a server adapter presents it to a verifier: header lines in an array looked
 * up case-insensitively, the body as a fresh stream. The library's and the floor's verifiers read
 * the same view, so that neither pays for the other's access to the request.
 *
 * @param shape the request
 * @param names header names as received
 * @param values one value per name
 */
record SignedView(Shape shape, String[] names, String[] values) implements RequestView {

  /** The shape's headers plus the signature's. */
  static SignedView of(Shape shape, String authorization, @Nullable String contentDigest) {
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    names.add("Host");
    values.add(Shape.HOST);
    if (shape.contentType != null) {
      names.add("Content-Type");
      values.add(shape.contentType);
    }
    if (shape.body.length > 0) {
      names.add("Content-Length");
      values.add(Integer.toString(shape.body.length));
    }
    names.add("Authorization");
    values.add(authorization);
    if (contentDigest != null) {
      names.add("Content-Digest");
      values.add(contentDigest);
    }
    return new SignedView(shape, names.toArray(String[]::new), values.toArray(String[]::new));
  }

  @Override
  public String method() {
    return shape.method;
  }

  @Override
  public String rawPath() {
    return shape.path;
  }

  @Override
  public @Nullable String rawQuery() {
    return shape.query;
  }

  @Override
  public List<String> headers(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        return List.of(values[i]);
      }
    }
    return List.of();
  }

  @Override
  public InputStream body() {
    return new ByteArrayInputStream(shape.body);
  }
}
