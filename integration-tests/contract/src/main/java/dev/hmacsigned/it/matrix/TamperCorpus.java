package dev.hmacsigned.it.matrix;

import dev.hmacsigned.core.Algorithm;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tamper corpus: every distinction protocol v1 Amendment 1 keeps (a literal {@code +} is not
 * {@code %2B} nor {@code %20}, {@code ;} is not {@code %3B} and {@code /} is not {@code %2F} in a
 * path, {@code &} and {@code =} are not {@code %26} and {@code %3D} in a query, a multipart
 * boundary keeps its case), and what the signature covers besides: the media type and charset, the
 * host, the method, the body and the case of the path.
 */
public final class TamperCorpus {
  private static final List<TamperCase> CASES = build();

  private TamperCorpus() {}

  /**
   * The tamper cases.
   *
   * @return the cases, in a fixed order
   */
  public static List<TamperCase> cases() {
    return CASES;
  }

  private static List<TamperCase> build() {
    List<TamperCase> t = new ArrayList<>();
    t.add(query("query-plus-vs-%2B", "+ signed, %2B sent", "q=a+b", "q=a%2Bb"));
    t.add(query("query-plus-vs-%20", "+ signed, %20 sent", "q=a+b", "q=a%20b"));
    t.add(query("query-%20-vs-%2B", "%20 signed, %2B sent", "q=a%20b", "q=a%2Bb"));
    t.add(query("query-amp-vs-%26", "& signed, %26 sent", "q=a&b=c", "q=a%26b=c"));
    t.add(query("query-equals-vs-%3D", "= signed, %3D sent", "q=a=b", "q=a%3Db"));
    t.add(path("path-semicolon-vs-%3B", "; signed, %3B sent", "/t/a;b", "/t/a%3Bb"));
    t.add(path("path-slash-vs-%2F", "/ signed, %2F sent", "/t/a/b", "/t/a%2Fb"));
    t.add(path("path-case", "path case changed", "/t/orders/ABC", "/t/orders/abc"));
    t.add(
        contentType(
            "multipart-boundary-case",
            "multipart boundary case changed",
            "multipart/form-data; boundary=" + Corpus.BOUNDARY,
            "multipart/form-data; boundary=" + Corpus.BOUNDARY.toLowerCase(java.util.Locale.ROOT),
            Corpus.multipart()));
    t.add(
        contentType(
            "content-type-media-type",
            "media type changed",
            "application/json",
            "text/plain",
            Corpus.JSON));
    t.add(
        contentType(
            "content-type-charset",
            "charset changed",
            "text/plain; charset=utf-8",
            "text/plain; charset=iso-8859-1",
            "abc".getBytes(StandardCharsets.US_ASCII)));
    MatrixRequest hostSigned =
        simple("host-changed", "GET", "/t/host", null, List.of(), new byte[0]);
    t.add(
        new TamperCase(
            "host-changed",
            "Host 127.0.0.1:<port> signed, localhost:<port> sent",
            hostSigned,
            hostSigned,
            true));
    t.add(
        new TamperCase(
            "method-changed",
            "POST signed, PUT sent",
            simple("method-changed", "POST", "/t/orders", null, json(), Corpus.JSON),
            simple("method-changed", "PUT", "/t/orders", null, json(), Corpus.JSON),
            false));
    byte[] changed = Corpus.JSON.clone();
    changed[changed.length - 2] ^= 0x01;
    t.add(
        new TamperCase(
            "body-changed",
            "one bit of the body flipped, same length, signed Content-Digest",
            simple("body-changed", "POST", "/t/orders", null, json(), Corpus.JSON),
            simple("body-changed", "POST", "/t/orders", null, json(), changed),
            false));
    return List.copyOf(t);
  }

  private static List<Map.Entry<String, String>> json() {
    return List.of(Map.entry("Content-Type", "application/json"));
  }

  private static TamperCase query(String name, String distinction, String signed, String sent) {
    return new TamperCase(
        name,
        distinction,
        simple(name, "GET", "/t/search", signed, List.of(), new byte[0]),
        simple(name, "GET", "/t/search", sent, List.of(), new byte[0]),
        false);
  }

  private static TamperCase path(String name, String distinction, String signed, String sent) {
    return new TamperCase(
        name,
        distinction,
        simple(name, "GET", signed, null, List.of(), new byte[0]),
        simple(name, "GET", sent, null, List.of(), new byte[0]),
        false);
  }

  private static TamperCase contentType(
      String name, String distinction, String signed, String sent, byte[] body) {
    return new TamperCase(
        name,
        distinction,
        simple(name, "POST", "/t/upload", null, List.of(Map.entry("Content-Type", signed)), body),
        simple(name, "POST", "/t/upload", null, List.of(Map.entry("Content-Type", sent)), body),
        false);
  }

  private static MatrixRequest simple(
      String name,
      String method,
      String path,
      String query,
      List<Map.Entry<String, String>> headers,
      byte[] body) {
    return new MatrixRequest(name, name, method, path, query, headers, body, Algorithm.HMAC_SHA256);
  }
}
