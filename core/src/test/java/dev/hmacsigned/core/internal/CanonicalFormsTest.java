package dev.hmacsigned.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Amendment 1 of protocol v1: the canonical forms of path, query, host and content-type. */
class CanonicalFormsTest {
  private static final String UNRESERVED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
  private static final String PATH_KEEP = "!$&'()*+,;=:@/";
  private static final String QUERY_KEEP = "=+";

  @Test
  void path_amendmentExample_isNormalized() {
    assertThat(CanonicalForms.path("/a/%7e%41b/c;v=1/%2f")).isEqualTo("/a/~Ab/c;v=1/%2F");
  }

  @Test
  void query_amendmentExample_isNormalizedAndSorted() {
    assertThat(CanonicalForms.query("q=a/b&q=%7b%7d&x=a+b&%41=1"))
        .isEqualTo("A=1&q=%7B%7D&q=a%2Fb&x=a+b");
  }

  @ParameterizedTest(name = "path {0} -> {1}")
  @MethodSource("paths")
  void path_eachRule_givesItsCanonicalForm(String raw, String canonical) {
    assertThat(CanonicalForms.path(raw)).isEqualTo(canonical);
  }

  @ParameterizedTest(name = "query {0} -> {1}")
  @MethodSource("queries")
  void query_eachRule_givesItsCanonicalForm(String raw, String canonical) {
    assertThat(CanonicalForms.query(raw)).isEqualTo(canonical);
  }

  @Test
  void query_null_isEmpty() {
    assertThat(CanonicalForms.query(null)).isEmpty();
    assertThat(CanonicalForms.path(null)).isEqualTo("/");
  }

  @Test
  void query_partsAreSortedByByteOrder() {
    assertThat(CanonicalForms.query("b=1&B=1&a=1&%C3%A9=1&_=1&~=1"))
        .isEqualTo("%C3%A9=1&B=1&_=1&a=1&b=1&~=1");
  }

  /**
   * Few parts are sorted by insertion, many (over 32) by the general sort: both give the order of a
   * plain sort of the parts' strings, equal parts included, and leave what was written before the
   * query as it was.
   */
  @ParameterizedTest(name = "{0} parts")
  @ValueSource(ints = {2, 3, 31, 32, 33, 40, 200})
  void appendQuery_anyNumberOfParts_givesThePartsInByteOrder(int parts) {
    java.util.Random random = new java.util.Random(parts);
    List<String> written = new java.util.ArrayList<>();
    for (int i = 0; i < parts; i++) {
      // a few distinct names, so that some parts are equal and others share a prefix
      written.add((char) ('a' + random.nextInt(5)) + "=" + random.nextInt(parts));
    }
    Utf8Builder out = new Utf8Builder(16).append("GET\n/x\n");
    CanonicalForms.appendQuery(String.join("&", written), out);
    List<String> sorted = new java.util.ArrayList<>(written);
    java.util.Collections.sort(sorted);
    assertThat(out.toString()).isEqualTo("GET\n/x\n" + String.join("&", sorted));
  }

  @ParameterizedTest(name = "content-type {0} -> {1}")
  @MethodSource("contentTypes")
  void contentType_spellings_giveOneCanonicalForm(String raw, String canonical) {
    assertThat(CanonicalForms.contentType(raw)).isEqualTo(canonical);
  }

  @Test
  void host_isLowercased() {
    assertThat(CanonicalForms.host("API.Example.COM:8443")).isEqualTo("api.example.com:8443");
  }

  @Test
  void lowercasing_touchesAsciiLettersOnly() {
    // Unicode lowercasing differs between languages (and with the Turkish dotted I, by locale).
    assertThat(CanonicalForms.host("ÉCOLE.Example\u0130")).isEqualTo("École.example\u0130");
    assertThat(CanonicalForms.contentType("Text/Ä; Charset=ÜTF-8"))
        .isEqualTo("text/Ä;charset=Ütf-8");
  }

  /**
   * Over random strings: normalizing is idempotent; percent-encoding an unreserved character, or a
   * character outside KEEP, in either hex case, never changes the canonical form; encoding a KEEP
   * character always does.
   */
  @Test
  void percentNormalize_randomStrings_equalExactlyWhenTheAmendmentSaysSo() {
    Random random = new Random(20261123);
    String alphabet = UNRESERVED + PATH_KEEP + "%?#[]\" <>\\^`{|}é€\u0001";
    for (int run = 0; run < 5_000; run++) {
      StringBuilder raw = new StringBuilder();
      int length = 1 + random.nextInt(12);
      for (int i = 0; i < length; i++) {
        raw.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String value = raw.toString();
      for (String keep : new String[] {PATH_KEEP, QUERY_KEEP}) {
        boolean[] keepSet = keepSet(keep);
        String canonical = CanonicalForms.percentNormalize(value, keepSet);
        assertThat(CanonicalForms.percentNormalize(canonical, keepSet)).isEqualTo(canonical);
        assertThat(canonical).matches("[\\x21-\\x7e]*");

        int at = random.nextInt(value.length());
        char c = value.charAt(at);
        boolean insideEscape =
            (at >= 1 && value.charAt(at - 1) == '%') || (at >= 2 && value.charAt(at - 2) == '%');
        if (c == '%' || c > 0x7e || insideEscape) {
          continue; // encoding a byte of an escape changes what it means
        }
        String encoded = String.format(Locale.ROOT, "%%%02X", (int) c);
        if (random.nextBoolean()) {
          encoded = encoded.toLowerCase(Locale.ROOT);
        }
        String variant = value.substring(0, at) + encoded + value.substring(at + 1);
        String variantCanonical = CanonicalForms.percentNormalize(variant, keepSet);
        if (keep.indexOf(c) >= 0) {
          assertThat(variantCanonical).as("%s vs %s", value, variant).isNotEqualTo(canonical);
        } else {
          assertThat(variantCanonical).as("%s vs %s", value, variant).isEqualTo(canonical);
        }
      }
    }
  }

  @Test
  void percentNormalize_everyByte_isEncodedUnlessUnreservedOrKept() {
    boolean[] keep = keepSet(PATH_KEEP);
    for (int b = 0; b < 128; b++) {
      String in = String.valueOf((char) b);
      String out = CanonicalForms.percentNormalize(in, keep);
      boolean literal = UNRESERVED.indexOf(b) >= 0 || PATH_KEEP.indexOf(b) >= 0;
      assertThat(out)
          .as("byte %d", b)
          .isEqualTo(literal ? in : String.format(Locale.ROOT, "%%%02X", b));
    }
    assertThat(CanonicalForms.percentNormalize("\u00ff", keep)).isEqualTo("%C3%BF");
  }

  private static boolean[] keepSet(String keep) {
    boolean[] set = new boolean[128];
    for (char c : keep.toCharArray()) {
      set[c] = true;
    }
    return set;
  }

  static Stream<Arguments> paths() {
    return Stream.of(
        Arguments.of("", "/"),
        Arguments.of("/", "/"),
        Arguments.of("/a%2fb", "/a%2Fb"),
        Arguments.of("/a/b", "/a/b"),
        Arguments.of("/%7E%7e", "/~~"),
        Arguments.of("/c;v=1", "/c;v=1"),
        Arguments.of("/c%3Bv=1", "/c%3Bv=1"),
        Arguments.of("/a b", "/a%20b"),
        Arguments.of("/100%", "/100%25"),
        Arguments.of("/%zz", "/%25zz"),
        Arguments.of("/%4", "/%254"),
        Arguments.of("/é", "/%C3%A9"),
        Arguments.of("/%c3%a9", "/%C3%A9"),
        Arguments.of("/./../a", "/./../a"),
        Arguments.of("/a?b", "/a%3Fb"),
        Arguments.of("/x#y", "/x%23y"),
        Arguments.of("/!$&'()*+,;=:@", "/!$&'()*+,;=:@"),
        Arguments.of("/\"<>\\^`{|}", "/%22%3C%3E%5C%5E%60%7B%7C%7D"));
  }

  static Stream<Arguments> queries() {
    return Stream.of(
        Arguments.of("", ""),
        Arguments.of("&&", ""),
        Arguments.of("b=2&a=1&&a=0&flag", "a=0&a=1&b=2&flag"),
        Arguments.of("q=a/b", "q=a%2Fb"),
        Arguments.of("q=a%2fb", "q=a%2Fb"),
        Arguments.of("q=a:b@c,d;e'f?g", "q=a%3Ab%40c%2Cd%3Be%27f%3Fg"),
        Arguments.of("x=a+b", "x=a+b"),
        Arguments.of("x=a%2Bb", "x=a%2Bb"),
        Arguments.of("x=a%20b", "x=a%20b"),
        Arguments.of("x=a b", "x=a%20b"),
        Arguments.of("a=%26", "a=%26"),
        Arguments.of("a=%3D", "a=%3D"),
        Arguments.of("a==b", "a==b"),
        Arguments.of("q=100%", "q=100%25"),
        Arguments.of("q=%E2%82%AC", "q=%E2%82%AC"),
        Arguments.of("q=€", "q=%E2%82%AC"),
        Arguments.of("q=%41%7e", "q=A~"));
  }

  static Stream<Arguments> contentTypes() {
    return Stream.of(
        Arguments.of("application/json", "application/json"),
        Arguments.of("application/json; charset=utf-8", "application/json;charset=utf-8"),
        Arguments.of("application/json;charset=UTF-8", "application/json;charset=utf-8"),
        Arguments.of("application/json; charset=\"utf-8\"", "application/json;charset=utf-8"),
        Arguments.of("Application/JSON ; Charset = UTF-8 ", "application/json;charset=utf-8"),
        Arguments.of("Text/Plain; Charset=\"UTF-8\"", "text/plain;charset=utf-8"),
        Arguments.of(
            "multipart/form-data; boundary=AbC-123", "multipart/form-data;boundary=AbC-123"),
        Arguments.of(
            "multipart/form-data; BOUNDARY=\"Ab;C\"", "multipart/form-data;boundary=\"Ab;C\""),
        Arguments.of("text/plain;;format=Flowed;", "text/plain;format=Flowed"),
        Arguments.of("text/plain; novalue", "text/plain;novalue="),
        Arguments.of(
            "application/x-www-form-urlencoded; charset=UTF-8",
            "application/x-www-form-urlencoded;charset=utf-8"));
  }

  @Test
  void isCoverableValue_visibleAsciiSpaceAndTabOnly() {
    assertThat(CanonicalForms.isCoverableValue("")).isTrue();
    assertThat(CanonicalForms.isCoverableValue(" !~\tabc XYZ 09")).isTrue();
    for (String bad :
        List.of("\u00eb", "\u0000", "\u001f", "\u007f", "\r", "\n", "\u00a0", "\u4e2d")) {
      assertThat(CanonicalForms.isCoverableValue("a" + bad + "b")).as(bad).isFalse();
    }
  }
}
