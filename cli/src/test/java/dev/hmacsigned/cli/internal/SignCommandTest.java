package dev.hmacsigned.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.CanonicalString;
import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.VerificationListener;
import dev.hmacsigned.core.VerificationResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * sign: the header lines printed make the request, as described on the command line, verify with
 * the real verifier; --debug shows the canonical string the verifier computes.
 */
class SignCommandTest {
  @TempDir Path dir;
  private Path keys;
  private String secret;

  @BeforeEach
  void keys() throws IOException {
    keys = dir.resolve("keys.properties");
    secret = TestKeys.write(keys, "sign-test");
  }

  /** The request as it goes on the wire, with the printed header lines added. */
  private static CapturedRequest request(
      String requestLine, List<String> headers, String signedLines, byte[] body) {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    List<String> lines = new ArrayList<>(headers);
    lines.addAll(signedLines.lines().toList());
    if (body.length > 0) {
      lines.add("Content-Length: " + body.length);
    }
    raw.writeBytes((requestLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    for (String line : lines) {
      raw.writeBytes((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }
    raw.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    raw.writeBytes(body);
    return CapturedRequest.parse(raw.toByteArray());
  }

  private VerificationResult verify(CapturedRequest request) throws IOException {
    return HmacVerifier.builder()
        .keys(KeyRing.parseKeysFile(Files.readAllBytes(keys)))
        .listener(new VerificationListener() {})
        .build()
        .verify(request);
  }

  private static byte[] bodyOf(VerificationResult result) throws IOException {
    try (InputStream in = ((VerificationResult.Verified) result).body().openStream()) {
      return in.readAllBytes();
    }
  }

  @Test
  void sign_get_printsOnlyAnAuthorizationLineThatVerifies() throws IOException {
    Run run =
        Run.of(
            "sign", "--keys", keys.toString(), "http://api.example.test:8080/items/42?q=a%20b&x");

    assertThat(run.exit()).isZero();
    assertThat(run.out().lines())
        .singleElement()
        .asString()
        .startsWith("Authorization: HMAC-SHA256 keyId=\"sign-test\"");
    VerificationResult result =
        verify(
            request(
                "GET /items/42?x&q=a%20b HTTP/1.1",
                List.of("Host: api.example.test:8080", "Accept: */*"), run.out(), new byte[0]));
    assertThat(result).isInstanceOf(VerificationResult.Verified.class);
    assertThat(run.all()).doesNotContain(secret);
  }

  @Test
  void sign_postBodyFromFile_addsContentDigestAndCoversContentType() throws IOException {
    byte[] body = "{\"note\":\"gr\u00fc\u00dfe \u6771\u4eac\"}\n".getBytes(StandardCharsets.UTF_8);
    Path file = dir.resolve("body.json");
    Files.write(file, body);

    Run run =
        Run.of(
            "sign",
            "--keys",
            keys.toString(),
            "-H",
            "Content-Type: application/json; charset=utf-8",
            "--data-binary",
            "@" + file,
            "https://api.example.test/orders");

    assertThat(run.exit()).isZero();
    assertThat(run.out().lines())
        .hasSize(2)
        .element(1)
        .asString()
        .startsWith("Content-Digest: sha-256=:");
    assertThat(run.out()).contains("headers=\"host;content-type\"");
    VerificationResult result =
        verify(
            request(
                "POST /orders HTTP/1.1",
                List.of("Host: api.example.test", "Content-Type: application/json;charset=UTF-8"),
                run.out(),
                body));
    assertThat(bodyOf(result)).isEqualTo(body);
  }

  @Test
  void sign_bodyFromStandardInput_isSignedByteForByte() throws IOException {
    byte[] body = {0, 1, 2, (byte) 0xff, '\r', '\n'};

    Run run =
        Run.withInput(
            body,
            "sign",
            "--keys",
            keys.toString(),
            "-X",
            "PUT",
            "--data-binary",
            "@-",
            "http://h.test/blob");

    VerificationResult result =
        verify(request("PUT /blob HTTP/1.1", List.of("Host: h.test"), run.out(), body));
    assertThat(bodyOf(result)).isEqualTo(body);
  }

  @Test
  void sign_explicitDefaultPort_signsTheHostCurlSends() throws IOException {
    Run run = Run.of("sign", "--keys", keys.toString(), "--debug", "http://h.test:80/a");

    assertThat(run.err()).contains("\nheader: host:h.test\n");
    assertThat(verify(request("GET /a HTTP/1.1", List.of("Host: h.test"), run.out(), new byte[0])))
        .isInstanceOf(VerificationResult.Verified.class);
  }

  @Test
  void sign_debug_printsTheCanonicalStringTheVerifierComputesOnStandardError() {
    Run run =
        Run.of(
            "sign",
            "--keys",
            keys.toString(),
            "--debug",
            "--cover",
            "host,x-tenant",
            "-H",
            "X-Tenant: t1",
            "http://h.test/items?b=2&a=1");

    CapturedRequest request =
        request(
            "GET /items?b=2&a=1 HTTP/1.1",
            List.of("Host: h.test", "X-Tenant: t1"),
            run.out(),
            new byte[0]);
    CanonicalString server = CanonicalString.of(request);
    assertThat(run.err().strip()).isEqualTo(server.debugText());
    assertThat(run.err())
        .contains(
            "query: a=1&b=2\nheaders: host;x-tenant\nheader: host:h.test\nheader: x-tenant:t1\n");
    assertThat(run.out()).doesNotContain("fingerprint");
  }

  @Test
  void sign_secretOnTheCommandLine_signsWithIt() throws IOException {
    Run run = Run.of("sign", "--key-id", "sign-test", "--secret-base64", secret, "http://h.test/a");

    assertThat(verify(request("GET /a HTTP/1.1", List.of("Host: h.test"), run.out(), new byte[0])))
        .isInstanceOf(VerificationResult.Verified.class);
  }

  @Test
  void sign_twoActiveKeysAndNoKeyId_isAUsageErrorNamingThem() throws IOException {
    Files.writeString(
        keys,
        "a.secret=base64:"
            + TestKeys.secretBase64()
            + "\nb.secret=base64:"
            + TestKeys.secretBase64()
            + "\n");

    Run run = Run.of("sign", "--keys", keys.toString(), "http://h.test/a");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("2 active keys").contains("[a, b]").contains("--key-id");
    assertThat(run.all()).doesNotContain("base64:");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--data=@file.json",
        "-H=Authorization: HMAC-SHA256 x",
        "-H=Content-Digest: sha-256=:x:",
        "-H=no colon",
        "--cover=host,connection",
        "-X=BAD METHOD",
        "--key-id=unknown",
        "--algorithm=HMAC-SHA512"
      })
  void sign_badOption_isAUsageError(String option) {
    Run run = Run.of("sign", "--keys", keys.toString(), option, "http://h.test/a");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.all()).doesNotContain(secret);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://h.test/a", "/relative", "http://h.test/a b", "http:///nohost"})
  void sign_urlNotAbsoluteHttp_isAUsageError(String url) {
    assertThat(Run.of("sign", "--keys", keys.toString(), url).exit()).isEqualTo(2);
  }

  @Test
  void sign_keysAndSecretBoth_orNeither_isAUsageError() {
    assertThat(Run.of("sign", "http://h.test/a").exit()).isEqualTo(2);
    Run both =
        Run.of(
            "sign",
            "--keys",
            keys.toString(),
            "--key-id",
            "sign-test",
            "--secret-base64",
            secret,
            "http://h.test/a");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.all()).doesNotContain(secret);
  }

  @Test
  void sign_coveredValueNotAscii_isAUsageErrorThatDoesNotEchoIt() {
    Run run =
        Run.of(
            "sign",
            "--keys",
            keys.toString(),
            "--cover",
            "host,x-note",
            "-H",
            "X-Note: Zo\u00eb",
            "http://h.test/a");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("x-note").doesNotContain("Zo\u00eb");
  }
}
