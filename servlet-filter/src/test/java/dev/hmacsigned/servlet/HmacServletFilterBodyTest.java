package dev.hmacsigned.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.Algorithm;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.RequestView;
import dev.hmacsigned.core.VerificationListener;
import dev.hmacsigned.core.VerificationResult;
import dev.hmacsigned.testing.RawHttpClient;
import jakarta.servlet.Filter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application behind the filter reads exactly the verified body, through every servlet API that
 * reads a body, on a real Jetty 12.
 */
class HmacServletFilterBodyTest {
  @TempDir static Path bodyFiles;

  static final HmacKey KEY = TestKeys.key("body-test");
  static final HmacKey KEY_512 = TestKeys.key("body-test-512", Algorithm.HMAC_SHA512).build();
  static final HmacSigner SIGNER = TestKeys.signer(KEY);
  static final AtomicInteger VERIFICATIONS = new AtomicInteger();

  static TestServer server;
  static RawHttpClient wire;

  @BeforeAll
  static void startServer() throws Exception {
    HmacVerifier verifier =
        HmacVerifier.builder()
            .keys(KeyRing.of(KEY, KEY_512))
            .maxBodyBytes(64L * 1024 * 1024)
            .tempDirectory(bodyFiles)
            .build();
    HmacVerifier counting =
        HmacVerifier.builder()
            .keys(KeyRing.of(KEY))
            .listener(
                new VerificationListener() {
                  @Override
                  public void onVerified(VerificationResult.Verified result, RequestView request) {
                    VERIFICATIONS.incrementAndGet();
                  }

                  @Override
                  public void onRejected(VerificationResult.Rejected result, RequestView request) {
                    VERIFICATIONS.incrementAndGet();
                  }
                })
            .build();
    Filter forgeVerifiedAttribute =
        (request, response, chain) -> {
          request.setAttribute(HmacVerifier.VERIFIED_ATTRIBUTE, "forged");
          chain.doFilter(request, response);
        };

    server = new TestServer();
    server
        .context("/app")
        .filter(HmacServletFilter.of(verifier))
        .servlet("/echo/*", new TestServlets.Echo())
        .servlet("/form", new TestServlets.Form())
        .servlet("/text", new TestServlets.Text())
        .servlet("/digest", new TestServlets.Digest())
        .servlet("/whoami", new TestServlets.WhoAmI())
        .servlet("/async/listener", new TestServlets.AsyncReadListener())
        .servlet("/async/thread", new TestServlets.AsyncThread())
        .servlet("/async/ignore", new TestServlets.AsyncIgnoringBody(bodyFiles))
        .servlet("/async/dispatch", new TestServlets.AsyncDispatch("/echo/dispatched"))
        .servlet("/ignore", new TestServlets.IgnoringBody(bodyFiles));
    server
        .context("/twice")
        .filter(HmacServletFilter.of(counting))
        .filter(HmacServletFilter.of(counting))
        .servlet("/echo", new TestServlets.Echo());
    server
        .context("/forged")
        .filter(forgeVerifiedAttribute)
        .filter(HmacServletFilter.of(verifier))
        .servlet("/echo", new TestServlets.Echo());
    server.start();
    wire = server.wire();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void getInputStream_jsonWithNonAsciiText_readsExactBytes() throws Exception {
    byte[] json = utf8("{\"name\":\"Zoë Ångström\",\"city\":\"東京\",\"emoji\":\"\uD83D\uDE00\"}");

    RawHttpClient.Response response =
        wire.post("/app/echo", "application/json", json).signedWith(SIGNER).send();

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(json);
    assertThat(response.header("Content-Type")).startsWith("application/json");
  }

  @Test
  void getInputStream_rawPathWithContextAndEncodedSegments_isSignedAsSent() throws Exception {
    byte[] body = utf8("{}");

    RawHttpClient.Response response =
        wire.post("/app/echo/caf%C3%A9/a%20b?b=2&a=%20x&a=1&flag", "application/json", body)
            .signedWith(SIGNER)
            .send();

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(body);
  }

  @Test
  void getInputStream_getWithoutBody_readsNothing() throws Exception {
    RawHttpClient.Response response = wire.get("/app/echo?x=1").signedWith(SIGNER).send();

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void getInputStream_everyByteValue_readsExactBytes() throws Exception {
    byte[] binary = new byte[256 * 4];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) i;
    }

    RawHttpClient.Response response =
        wire.post("/app/echo", "application/octet-stream", binary)
            .signedWith(TestKeys.signer(KEY_512))
            .send();

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(binary);
  }

  @Test
  void getParameter_formPost_readsVerifiedBodyMergedWithQuery() throws Exception {
    byte[] form = utf8("a=2&b=x+y&b=%26%3D&d&caf%C3%A9=cr%C3%A8me&bad=%zz%4");

    RawHttpClient.Response response =
        wire.post("/app/form?a=1&q=%C3%A9t%C3%A9", "application/x-www-form-urlencoded", form)
            .signedWith(SIGNER)
            .send();

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.text())
        .isEqualTo(
            """
            a=[1, 2]
            q=[été]
            b=[x y, &=]
            d=[]
            café=[crème]
            bad=[%zz%4]
            first a=1
            values b=[x y, &=]
            names=[a, q, b, d, café, bad]""");
  }

  @Test
  void getParameter_formPostWithLatin1Charset_decodesBodyWithIt() throws Exception {
    byte[] form = utf8("name=cr%E8me+br%FBl%E9e");

    RawHttpClient.Response response =
        wire.post("/app/form", "application/x-www-form-urlencoded; charset=ISO-8859-1", form)
            .signedWith(SIGNER)
            .send();

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.text()).startsWith("name=[crème brûlée]\n");
  }

  @Test
  void getParameter_formPostAfterParsing_bodyStillReadableAsStream() throws Exception {
    // The echo servlet never asks for parameters; the form servlet never reads the stream. A form
    // post to the echo servlet must still deliver its exact bytes.
    byte[] form = utf8("a=1&b=%C3%A9");

    RawHttpClient.Response response =
        wire.post("/app/echo", "application/x-www-form-urlencoded", form).signedWith(SIGNER).send();

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(form);
  }

  @Test
  void getReader_latin1Charset_decodesWithRequestCharset() throws Exception {
    byte[] latin1 =
        "café crème, naïve — no: ÿ".replace("—", "-").getBytes(StandardCharsets.ISO_8859_1);

    RawHttpClient.Response response =
        wire.post("/app/text", "text/plain; charset=ISO-8859-1", latin1).signedWith(SIGNER).send();

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.text()).isEqualTo("encoding=ISO-8859-1\ncafé crème, naïve - no: ÿ");
  }

  @Test
  void getReader_noCharset_decodesAsIso88591() throws Exception {
    byte[] body = {'c', 'a', 'f', (byte) 0xE9};

    RawHttpClient.Response response =
        wire.post("/app/text", "text/plain", body).signedWith(SIGNER).send();

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.text()).endsWith("\ncafé");
  }

  @Test
  void getReader_setCharacterEncodingBeforeReading_decodesWithIt() throws Exception {
    byte[] body = utf8("Zoë 東京");

    RawHttpClient.Response response =
        wire.post("/app/text", "text/plain", body)
            .header("X-Set-Encoding", "UTF-8")
            .signedWith(SIGNER)
            .send();

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.text()).isEqualTo("encoding=UTF-8\nZoë 東京");
  }

  @Test
  void getInputStream_fiftyMebibytes_streamsExactBytesThroughTemporaryFile() throws Exception {
    byte[] large = TestKeys.randomBytes(50 * 1024 * 1024);
    String expected = HexFormat.of().formatHex(TestServlets.sha256().digest(large));

    RawHttpClient.Response response =
        wire.post("/app/digest", "application/octet-stream", large).signedWith(SIGNER).send();

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.text()).isEqualTo(expected + " " + large.length);
    assertNoBodyFileLeft();
  }

  @Test
  void doFilter_servletIgnoresLargeBody_temporaryFileDeletedAfterRequest() throws Exception {
    byte[] large = TestKeys.randomBytes(3 * 1024 * 1024);

    RawHttpClient.Response response =
        wire.post("/app/ignore", "application/octet-stream", large).signedWith(SIGNER).send();

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.text()).isEqualTo("files=1");
    assertNoBodyFileLeft();
  }

  @Test
  void startAsync_readListener_readsExactBytes() throws Exception {
    byte[] body = TestKeys.randomBytes(200_000);

    RawHttpClient.Response response =
        wire.post("/app/async/listener", "application/octet-stream", body)
            .signedWith(SIGNER)
            .send();

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(body);
    assertThat(response.header("X-Finished")).isEqualTo("true");
    assertThat(response.header("X-Data-Available-Calls")).isEqualTo("1");
  }

  @Test
  void startAsync_readListenerEmptyBody_getsAllDataReadOnly() throws Exception {
    RawHttpClient.Response response =
        wire.post("/app/async/listener", "application/octet-stream", new byte[0])
            .signedWith(SIGNER)
            .send();

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
    assertThat(response.header("X-Data-Available-Calls")).isEqualTo("0");
  }

  @Test
  void startAsync_largeBodyReadListener_readsExactBytesFromTemporaryFile() throws Exception {
    byte[] body = TestKeys.randomBytes(5 * 1024 * 1024);

    RawHttpClient.Response response =
        wire.post("/app/async/listener", "application/octet-stream", body)
            .signedWith(SIGNER)
            .send();

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(body);
    assertNoBodyFileLeft();
  }

  @Test
  void startAsync_readOnContainerThread_readsExactBytes() throws Exception {
    byte[] body = utf8("{\"async\":\"thread\",\"text\":\"Zoë\"}");

    RawHttpClient.Response response =
        wire.post("/app/async/thread", "application/json", body).signedWith(SIGNER).send();

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(body);
  }

  @Test
  void startAsync_bodyNeverRead_temporaryFileKeptUntilCompleteThenDeleted() throws Exception {
    byte[] large = TestKeys.randomBytes(3 * 1024 * 1024);

    RawHttpClient.Response response =
        wire.post("/app/async/ignore", "application/octet-stream", large).signedWith(SIGNER).send();

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    // Still there while the asynchronous request ran: the filter did not close it on return.
    assertThat(response.text()).isEqualTo("files=1");
    assertNoBodyFileLeft();
  }

  @Test
  void startAsync_dispatchToAnotherServlet_verifiesOnceAndServesBody() throws Exception {
    byte[] body = utf8("dispatched body");

    RawHttpClient.Response response =
        wire.post("/app/async/dispatch", "text/plain", body).signedWith(SIGNER).send();

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(body);
  }

  @Test
  void doFilter_filterDeclaredTwice_verifiesOnceAndAccepts() throws Exception {
    byte[] body = utf8("{\"twice\":true}");
    int before = VERIFICATIONS.get();

    RawHttpClient.Response response =
        wire.post("/twice/echo", "application/json", body).signedWith(SIGNER).send();

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(body);
    assertThat(VERIFICATIONS.get() - before).isEqualTo(1);
  }

  @Test
  void doFilter_attributeSetToSomethingElse_stillVerifies() throws Exception {
    int before = TestServlets.INVOCATIONS.get();

    RawHttpClient.Response response =
        wire.post("/forged/echo", "application/json", utf8("{}")).send();

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.problemCode()).isEqualTo("missing_signature");
    assertThat(TestServlets.INVOCATIONS.get()).isEqualTo(before);
  }

  @Test
  void getUserPrincipal_keyWithoutPrincipal_isKeyId() throws Exception {
    RawHttpClient.Response response = wire.get("/app/whoami?role=any").signedWith(SIGNER).send();

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.text())
        .contains("principal=body-test\n", "authType=HMAC\n", "role any=false\n")
        .contains("keyId=body-test\n");
  }

  /** The body files go when the request ends, which may be just after the response arrived. */
  static void assertNoBodyFileLeft() throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
    while (TestServlets.count(bodyFiles) > 0 && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
    }
    assertThat(bodyFiles).isEmptyDirectory();
  }
}
