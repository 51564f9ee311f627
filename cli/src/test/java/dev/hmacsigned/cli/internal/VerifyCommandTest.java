package dev.hmacsigned.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.CanonicalString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify: accepted with the principal, or the code and reason; exit 0, 1, 2; --explain. */
class VerifyCommandTest {
  private static final Pattern TIMESTAMP = Pattern.compile("timestamp=\"(\\d+)\"");
  private static final byte[] BODY = "{\"sku\":\"A-1001\"}".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private Path keys;
  private String secret;
  private String signedRequest;

  @BeforeEach
  void signOne() throws IOException {
    keys = dir.resolve("keys.properties");
    secret = TestKeys.write(keys, "verify-test");
    Path body = dir.resolve("body.json");
    Files.write(body, BODY);
    Run sign =
        Run.of(
            "sign",
            "--keys",
            keys.toString(),
            "-H",
            "Content-Type: application/json",
            "--data-binary",
            "@" + body,
            "http://h.test:8080/api/echo?q=hello%20world");
    assertThat(sign.exit()).isZero();
    signedRequest =
        "POST /api/echo?q=hello%20world HTTP/1.1\r\nHost: h.test:8080\r\n"
            + "Content-Type: application/json\r\n"
            + sign.out().replace("\n", "\r\n")
            + "Content-Length: "
            + BODY.length
            + "\r\n\r\n"
            + new String(BODY, StandardCharsets.UTF_8);
  }

  private Run verify(String request, String... options) throws IOException {
    Path file = Files.createTempFile(dir, "request", ".http");
    Files.writeString(file, request, StandardCharsets.UTF_8);
    String[] args = new String[options.length + 4];
    args[0] = "verify";
    args[1] = "--keys";
    args[2] = keys.toString();
    System.arraycopy(options, 0, args, 3, options.length);
    args[args.length - 1] = file.toString();
    return Run.of(args);
  }

  @Test
  void verify_signedRequest_isAcceptedWithItsPrincipal() throws IOException {
    Run run = verify(signedRequest);

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .isEqualTo(
            "accepted: principal=verify-test-client keyId=verify-test roles=[] body="
                + BODY.length
                + " bytes\n");
    assertThat(run.all()).doesNotContain(secret);
  }

  @Test
  void verify_fromStandardInput_readsTheRequestThere() {
    Run run =
        Run.withInput(
            signedRequest.getBytes(StandardCharsets.UTF_8),
            "verify",
            "--keys",
            keys.toString(),
            "-");
    assertThat(run.exit()).isZero();
  }

  @Test
  void verify_queryReEncodedByAProxy_isASignatureMismatchWhoseFingerprintExplainShows()
      throws IOException {
    String reEncoded = signedRequest.replace("q=hello%20world", "q=hello+world");

    Run run = verify(reEncoded, "--explain");

    assertThat(run.exit()).isEqualTo(1);
    String fingerprint =
        CanonicalString.of(CapturedRequest.parse(reEncoded.getBytes(StandardCharsets.UTF_8)))
            .fingerprint();
    assertThat(run.out().lines().toList())
        .startsWith(
            "rejected: code=invalid_signature reason=SIGNATURE_MISMATCH (the MAC differs)"
                + " keyId=verify-test fingerprint="
                + fingerprint,
            "fingerprint: " + fingerprint)
        .contains("query: q=hello+world");
    assertThat(run.all()).doesNotContain(secret);
  }

  @Test
  void verify_tamperedBody_isABodyDigestMismatch() throws IOException {
    Run run = verify(signedRequest.replace("A-1001", "A-9999"));

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .startsWith("rejected: code=invalid_signature reason=BODY_DIGEST_MISMATCH");
  }

  @Test
  void verify_withoutAuthorization_isMissingSignature_andExplainSaysWhyThereIsNoCanonicalString()
      throws IOException {
    Run run = verify(signedRequest.replaceAll("Authorization: [^\r]*\r\n", ""), "--explain");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out())
        .startsWith("rejected: code=missing_signature reason=MISSING_AUTHORIZATION")
        .contains("\nno canonical string: the request has no Authorization header");
  }

  @Test
  void verify_old_isStaleWithAHint_andAcceptedAsOfItsTimestamp() throws IOException {
    Matcher m = TIMESTAMP.matcher(signedRequest);
    assertThat(m.find()).isTrue();
    long timestamp = Long.parseLong(m.group(1));

    Run later = verify(signedRequest, "--now", Long.toString(timestamp + 301));
    Run then = verify(signedRequest, "--now", Long.toString(timestamp + 60), "--skew", "60");

    assertThat(later.exit()).isEqualTo(1);
    assertThat(later.out()).startsWith("rejected: code=stale_timestamp");
    assertThat(later.err()).contains("--now " + timestamp);
    assertThat(then.exit()).isZero();
  }

  @Test
  void verify_usageErrors_exitWith2() throws IOException {
    assertThat(Run.of("verify", "--keys", keys.toString()).exit()).as("no request").isEqualTo(2);
    assertThat(verify("not http\r\n\r\n").exit()).as("not a request").isEqualTo(2);
    assertThat(verify(signedRequest, "--skew", "901").exit()).as("skew over 900").isEqualTo(2);
    assertThat(Run.of("verify", "--keys", dir.resolve("none").toString(), "x").exit())
        .as("no keys file")
        .isEqualTo(2);
    Files.writeString(keys, "# no key\n");
    Run empty = verify(signedRequest);
    assertThat(empty.exit()).as("a keys file without keys").isEqualTo(2);
    assertThat(empty.err()).contains("has no key");
  }
}
