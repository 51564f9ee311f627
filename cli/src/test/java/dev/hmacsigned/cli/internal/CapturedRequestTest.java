package dev.hmacsigned.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading a captured HTTP/1.1 request as a server frames it. */
class CapturedRequestTest {
  private static CapturedRequest parse(String text) {
    return CapturedRequest.parse(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String body(CapturedRequest request) throws IOException {
    try (InputStream in = request.body()) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void parse_crlfWithContentLength_givesTargetHeadersInOrderAndTheBody() throws IOException {
    CapturedRequest request =
        parse(
            "POST /api/echo?q=a%20b&x HTTP/1.1\r\nHost: h:8080\r\nX-A:  one \r\nx-a: two\r\n"
                + "Content-Length: 5\r\n\r\nhello");

    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.rawPath()).isEqualTo("/api/echo");
    assertThat(request.rawQuery()).isEqualTo("q=a%20b&x");
    assertThat(request.headers("x-a")).containsExactly("one", "two");
    assertThat(request.headers("HOST")).containsExactly("h:8080");
    assertThat(request.authority()).isNull();
    assertThat(body(request)).isEqualTo("hello");
    assertThat(request.ignoredBytes()).isZero();
  }

  @Test
  void parse_lfLineEndsAndNoBodyFraming_hasNoBodyAndCountsTheRest() throws IOException {
    CapturedRequest request = parse("GET /a HTTP/1.1\nHost: h\n\nstray");

    assertThat(request.rawQuery()).isNull();
    assertThat(body(request)).isEmpty();
    assertThat(request.ignoredBytes()).isEqualTo(5);
  }

  @Test
  void parse_absoluteForm_takesPathQueryAndAuthorityFromTheTarget() {
    CapturedRequest request = parse("GET http://user@api.test:81/p/a?b=1 HTTP/1.1\r\n\r\n");

    assertThat(request.rawPath()).isEqualTo("/p/a");
    assertThat(request.rawQuery()).isEqualTo("b=1");
    assertThat(request.authority()).isEqualTo("api.test:81");
    assertThat(parse("GET https://api.test?x HTTP/1.1\r\n\r\n").rawPath()).isEmpty();
  }

  @Test
  void parse_chunked_decodesTheBodyAndKeepsTheHeader() throws IOException {
    CapturedRequest request =
        parse(
            "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n1\r\n!\r\n0\r\nX-Trailer: t\r\n\r\n");

    assertThat(body(request)).isEqualTo("hello!");
    assertThat(request.headers("transfer-encoding")).containsExactly("chunked");
    assertThat(request.ignoredBytes()).isZero();
  }

  @Test
  void parse_headerBytesOutsideAscii_areReadAsLatin1AsJettyDoes() {
    CapturedRequest request =
        CapturedRequest.parse(
            "GET / HTTP/1.1\r\nX-Note: Zo\u00c3\u00ab\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
    assertThat(request.headers("x-note")).containsExactly("Zo\u00c3\u00ab");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET /a HTTP/1.1\r\nHost: h\r\n",
        "GET /a\r\n\r\n",
        "GET  /a HTTP/1.1\r\n\r\n",
        "GET /a HTTP/2\r\n\r\n",
        "GET a HTTP/1.1\r\n\r\n",
        "GET /a HTTP/1.1\r\nHost : h\r\n\r\n",
        "GET /a HTTP/1.1\r\nHost: h\r\n folded\r\n\r\n",
        "GET /a HTTP/1.1\r\nno colon\r\n\r\n",
        "POST /a HTTP/1.1\r\nContent-Length: 10\r\n\r\nshort",
        "POST /a HTTP/1.1\r\nContent-Length: 1, 2\r\n\r\nab",
        "POST /a HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
        "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel",
        "POST /a HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n"
      })
  void parse_notAWholeHttp11Request_isAUsageErrorNamingWhat(String text) {
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(UsageException.class)
        .hasMessageNotContaining("\r");
  }
}
