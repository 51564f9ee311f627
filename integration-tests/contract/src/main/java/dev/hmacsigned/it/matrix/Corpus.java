package dev.hmacsigned.it.matrix;

import dev.hmacsigned.core.Algorithm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The accepted corpus: requests that real clients send, each signed correctly, so each must be
 * verified by every server and reach the application byte for byte.
 *
 * <p>It covers reserved and unreserved characters in path and query, literal and percent-encoded,
 * in upper- and lowercase hex; unicode as percent-encoded UTF-8; repeated and empty query
 * parameters and {@code +}; form posts; JSON with each spelling of its charset; multipart with a
 * boundary; binary and empty bodies; and the methods GET, HEAD, POST, PUT, PATCH, DELETE and
 * OPTIONS.
 */
public final class Corpus {
  /** A JSON document with non-ASCII text and the characters the query cases are about. */
  static final byte[] JSON =
      "{\"name\":\"Zoë\",\"city\":\"København\",\"tags\":[\"a/b\",\"c+d\",\"€\"],\"price\":12.5}"
          .getBytes(StandardCharsets.UTF_8);

  /** Every byte value once. */
  static final byte[] ALL_BYTES = allBytes();

  /** The boundary a browser makes, mixed case: the case of a boundary is significant. */
  static final String BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

  private static final List<MatrixRequest> ACCEPTED = build();

  private Corpus() {}

  /**
   * The accepted corpus.
   *
   * @return the requests, in a fixed order
   */
  public static List<MatrixRequest> accepted() {
    return ACCEPTED;
  }

  private static List<MatrixRequest> build() {
    List<MatrixRequest> c = new ArrayList<>();
    // ---- paths
    c.add(get("get-plain", "a plain path", "/orders/42", null));
    c.add(get("get-trailing-slash", "a path ending in /", "/orders/", null));
    c.add(
        get("get-path-unreserved", "unreserved - . _ ~", "/files/~user/file-name_v1.2.txt", null));
    c.add(
        get(
            "get-path-sub-delims",
            "literal ! $ & ' ( ) * + , = in a segment",
            "/items/a+b,c=d&e!$'()*",
            null));
    c.add(get("get-path-colon", "literal : in a segment", "/keys/a:b", null));
    c.add(get("get-path-at", "literal @ and . in a segment", "/users/user@example.com", null));
    c.add(
        get(
            "get-path-matrix-params",
            "literal ; (matrix parameters)",
            "/cars;color=red/2024;year=1",
            null));
    c.add(get("get-path-encoded-space", "%20 in a segment", "/files/my%20file.txt", null));
    c.add(
        get(
            "get-path-encoded-unreserved",
            "%7E %41 %62 %2D: encoded unreserved",
            "/files/%7Euser/%41%62c%2D1",
            null));
    c.add(
        get(
            "get-path-encoded-reserved",
            "%3B %2C %40 %3D: encoded reserved",
            "/files/a%3Bb%2Cc%40d%3De",
            null));
    c.add(get("get-path-encoded-plus", "%2B, not +", "/files/a%2Bb", null));
    c.add(
        get("get-path-lowercase-hex", "lowercase hex: %c3%a9 %3b", "/files/caf%c3%a9/a%3bb", null));
    c.add(
        get(
            "get-path-unicode",
            "percent-encoded UTF-8: ø € and an emoji",
            "/files/K%C3%B8benhavn/%E2%82%AC/%F0%9F%98%80",
            null));
    c.add(get("get-path-encoded-percent", "%25", "/files/100%25", null));
    c.add(get("get-path-encoded-slash", "%2F in a segment", "/files/a%2Fb", null));
    c.add(
        get(
            "get-path-amendment-example",
            "the amendment's path, without %2f",
            "/a/%7e%41b/c;v=1/d",
            null));
    // ---- queries
    c.add(get("get-query-simple", "two parameters", "/search", "id=42&sort=asc"));
    c.add(
        get(
            "get-query-unsorted-repeated",
            "repeated names, out of order",
            "/search",
            "b=2&a=1&a=0&b=1"));
    c.add(get("get-query-empty-values", "a=, and a name alone", "/search", "a=&b=1&c"));
    c.add(get("get-query-empty-parts", "&& and a trailing &", "/search", "&a=1&&b=2&"));
    c.add(get("get-query-plus", "+ for a space (forms)", "/search", "q=a+b+c"));
    c.add(get("get-query-encoded-space", "%20", "/search", "q=a%20b"));
    c.add(get("get-query-encoded-plus", "%2B and %3D in a value", "/search", "q=1%2B1%3D2"));
    c.add(
        get("get-query-literal-reserved", "literal / : @ , ; ' ?", "/search", "q=a/b:c@d,e;f'g?h"));
    c.add(
        get(
            "get-query-encoded-reserved",
            "the same, percent-encoded",
            "/search",
            "q=a%2Fb%3Ac%40d%2Ce%3Bf%27g%3Fh"));
    c.add(
        get(
            "get-query-encoded-delimiters",
            "%26 and %3D inside values",
            "/search",
            "q=a%26b&r=c%3Dd"));
    c.add(get("get-query-lowercase-hex", "%7b%7d %2f%3a", "/search", "q=%7b%7d&r=%2f%3a"));
    c.add(
        get(
            "get-query-encoded-unreserved",
            "%41 %62 %7E %2D %2E %5F",
            "/search",
            "q=%41%62%7E%2D%2E%5F"));
    c.add(
        get(
            "get-query-unicode",
            "percent-encoded UTF-8",
            "/search",
            "city=K%C3%B8benhavn&name=Zo%C3%AB&sym=%E2%82%AC"));
    c.add(
        get(
            "get-query-unicode-lowercase-hex",
            "an emoji and é, lowercase hex",
            "/search",
            "q=%f0%9f%98%80&r=%c3%a9"));
    c.add(get("get-query-sub-delims", "literal ( ) * ! $", "/search", "expr=(a*b)!&path=$home"));
    c.add(get("get-query-brackets-encoded", "ids%5B%5D=1", "/search", "ids%5B%5D=1&ids%5B%5D=2"));
    c.add(
        get(
            "get-query-brackets-literal",
            "ids[]=1, as browsers send it",
            "/search",
            "ids[]=1&ids[]=2"));
    c.add(get("get-query-encoded-percent", "%25", "/search", "discount=50%25"));
    c.add(
        get(
            "get-query-amendment-example",
            "the amendment's query example",
            "/search",
            "q=a/b&q=%7b%7d&x=a+b&%41=1"));
    c.add(
        request(
            "get-with-accept",
            "Accept and X-Request-Id, not covered",
            "GET",
            "/orders",
            "page=2",
            List.of(Map.entry("Accept", "application/json"), Map.entry("X-Request-Id", "r-1234")),
            new byte[0],
            Algorithm.HMAC_SHA256));
    c.add(
        request(
            "get-sha512",
            "signed with an HMAC-SHA512 key",
            "GET",
            "/orders",
            "id=1&id=2",
            List.of(),
            new byte[0],
            Algorithm.HMAC_SHA512));
    // ---- HEAD, OPTIONS, DELETE
    c.add(
        request(
            "head-plain",
            "HEAD",
            "HEAD",
            "/orders/42",
            null,
            List.of(),
            new byte[0],
            Algorithm.HMAC_SHA256));
    c.add(
        request(
            "head-query",
            "HEAD with a query",
            "HEAD",
            "/search",
            "q=a/b&r=%7e",
            List.of(),
            new byte[0],
            Algorithm.HMAC_SHA256));
    c.add(
        request(
            "options-plain",
            "OPTIONS",
            "OPTIONS",
            "/orders",
            null,
            List.of(),
            new byte[0],
            Algorithm.HMAC_SHA256));
    c.add(
        request(
            "options-query",
            "OPTIONS with an encoded path",
            "OPTIONS",
            "/files/a%20b",
            "x=1",
            List.of(),
            new byte[0],
            Algorithm.HMAC_SHA256));
    c.add(
        request(
            "delete-plain",
            "DELETE",
            "DELETE",
            "/orders/42",
            null,
            List.of(),
            new byte[0],
            Algorithm.HMAC_SHA256));
    c.add(
        request(
            "delete-query",
            "DELETE with repeated and bare parameters",
            "DELETE",
            "/orders",
            "id=1&id=2&force",
            List.of(),
            new byte[0],
            Algorithm.HMAC_SHA256));
    // ---- bodies
    c.add(
        post("post-json-charset-utf-8", "/orders", null, "application/json; charset=utf-8", JSON));
    c.add(
        post("post-json-charset-UTF-8", "/orders", null, "application/json; charset=UTF-8", JSON));
    c.add(
        post(
            "post-json-charset-quoted",
            "/orders",
            null,
            "application/json; charset=\"utf-8\"",
            JSON));
    c.add(post("post-json-no-charset", "/orders", null, "application/json", JSON));
    c.add(post("post-json-compact", "/orders", null, "application/json;charset=utf-8", JSON));
    c.add(
        post("post-json-uppercase-type", "/orders", null, "Application/JSON; Charset=UTF-8", JSON));
    byte[] form =
        "name=Zo%C3%AB&city=K%C3%B8benhavn&q=a+b&tags=a%2Fb&tags=c%2Bd"
            .getBytes(StandardCharsets.US_ASCII);
    c.add(
        post(
            "post-form-charset-UTF-8",
            "/orders",
            null,
            "application/x-www-form-urlencoded; charset=UTF-8",
            form));
    c.add(
        post(
            "post-form-charset-utf-8",
            "/orders",
            null,
            "application/x-www-form-urlencoded; charset=utf-8",
            form));
    c.add(post("post-form-no-charset", "/orders", null, "application/x-www-form-urlencoded", form));
    c.add(
        post(
            "post-multipart",
            "/upload",
            null,
            "multipart/form-data; boundary=" + BOUNDARY,
            multipart()));
    c.add(post("post-binary-all-bytes", "/files", null, "application/octet-stream", ALL_BYTES));
    c.add(
        post(
            "post-binary-100k",
            "/files",
            null,
            "application/octet-stream",
            random(100 * 1024, 42)));
    c.add(
        request(
            "post-empty",
            "POST with an empty body and no Content-Type",
            "POST",
            "/orders/42/cancel",
            null,
            List.of(),
            new byte[0],
            Algorithm.HMAC_SHA256));
    c.add(
        post(
            "post-text-latin1",
            "/notes",
            null,
            "text/plain; charset=ISO-8859-1",
            "café crème".getBytes(StandardCharsets.ISO_8859_1)));
    c.add(
        post(
            "post-xml",
            "/orders",
            null,
            "text/xml; charset=UTF-8",
            "<order id=\"42\"><city>København</city></order>".getBytes(StandardCharsets.UTF_8)));
    c.add(
        post(
            "post-query-and-body",
            "/orders",
            "dryRun=true&tag=a+b&tag=c%2Fd",
            "application/json; charset=utf-8",
            JSON));
    c.add(
        request(
            "post-json-sha512",
            "signed with an HMAC-SHA512 key",
            "POST",
            "/orders",
            null,
            List.of(Map.entry("Content-Type", "application/json")),
            JSON,
            Algorithm.HMAC_SHA512));
    c.add(
        request(
            "put-json",
            "PUT",
            "PUT",
            "/orders/42",
            null,
            List.of(Map.entry("Content-Type", "application/json; charset=utf-8")),
            JSON,
            Algorithm.HMAC_SHA256));
    c.add(
        request(
            "put-binary",
            "PUT of 4 KiB",
            "PUT",
            "/files/blob.bin",
            null,
            List.of(Map.entry("Content-Type", "application/octet-stream")),
            random(4096, 7),
            Algorithm.HMAC_SHA256));
    c.add(
        request(
            "patch-merge-patch",
            "PATCH",
            "PATCH",
            "/orders/42",
            null,
            List.of(Map.entry("Content-Type", "application/merge-patch+json")),
            "{\"status\":\"shipped\"}".getBytes(StandardCharsets.UTF_8),
            Algorithm.HMAC_SHA256));
    c.add(
        request(
            "patch-json-patch",
            "PATCH, JSON Patch",
            "PATCH",
            "/orders/42",
            null,
            List.of(Map.entry("Content-Type", "application/json-patch+json; charset=UTF-8")),
            "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"shipped\"}]"
                .getBytes(StandardCharsets.UTF_8),
            Algorithm.HMAC_SHA256));

    Set<String> names = new HashSet<>();
    for (MatrixRequest r : c) {
      if (!names.add(r.name())) {
        throw new IllegalStateException("two corpus requests named " + r.name());
      }
    }
    return Collections.unmodifiableList(c);
  }

  private static MatrixRequest get(String name, String summary, String path, String query) {
    return request(
        name, summary, "GET", path, query, List.of(), new byte[0], Algorithm.HMAC_SHA256);
  }

  private static MatrixRequest post(
      String name, String path, String query, String contentType, byte[] body) {
    return request(
        name,
        "POST " + contentType,
        "POST",
        path,
        query,
        List.of(Map.entry("Content-Type", contentType)),
        body,
        Algorithm.HMAC_SHA256);
  }

  static MatrixRequest request(
      String name,
      String summary,
      String method,
      String path,
      String query,
      List<Map.Entry<String, String>> headers,
      byte[] body,
      Algorithm algorithm) {
    return new MatrixRequest(name, summary, method, path, query, headers, body, algorithm);
  }

  static byte[] multipart() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String head =
        "--"
            + BOUNDARY
            + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nZoë\r\n--"
            + BOUNDARY
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bytes.bin\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n";
    out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(ALL_BYTES);
    out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static byte[] allBytes() {
    byte[] b = new byte[256];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) i;
    }
    return b;
  }

  /** Fixed pseudo-random bytes: the same on every run, so a failure can be repeated. */
  static byte[] random(int length, long seed) {
    byte[] b = new byte[length];
    new Random(seed).nextBytes(b);
    return b;
  }
}
