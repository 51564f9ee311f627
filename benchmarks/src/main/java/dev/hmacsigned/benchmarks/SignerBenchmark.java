package dev.hmacsigned.benchmarks;

import com.akamai.edgegrid.signer.ClientCredential;
import com.akamai.edgegrid.signer.EdgeGridV1Signer;
import com.akamai.edgegrid.signer.Request;
import com.akamai.edgegrid.signer.exceptions.RequestSigningException;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.SignedHeaders;
import dev.hmacsigned.core.VerificationListener;
import dev.hmacsigned.core.VerificationResult;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tomitribe.auth.signatures.Signature;
import org.tomitribe.auth.signatures.Signer;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signing one request (issue 14, target 3): hmac-signed's {@link HmacSigner} against the
 * hand-written raw-JDK floor ({@link RawSigner}) and three peers of other schemes, on the same two
 * requests ({@link Shape}). Each signer does what a client needs before sending: hash the body,
 * take a timestamp (and a nonce where the scheme has one), compute the MAC, format the headers.
 *
 * <ul>
 *   <li>AWS SDK v2 SigV4 ({@code software.amazon.awssdk:http-auth-aws}), service {@code
 *       execute-api}: signs host, {@code x-amz-date} and the payload hash;
 *   <li>tomitribe {@code http-signatures} (HMAC-SHA256): signs {@code (request-target)}, host, date
 *       and, for a body, a {@code Digest} header that the caller computes (as its README shows),
 *       which is measured here too;
 *   <li>Akamai {@code edgegrid-signer-core}: signs method, URI, a timestamp, a nonce and the body
 *       hash.
 * </ul>
 *
 * <p>Run it with {@code -prof gc} for the bytes allocated per signing and {@code -prof
 * dev.hmacsigned.benchmarks.CpuTimeProfiler} for the CPU time per signing, the figure to compare on
 * a shared machine ({@link CpuTimeProfiler}).
 *
 * <p>Every signer's output is checked once in setup: the floor's signature verifies with the
 * library's verifier, and the library's with the floor's verifier.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SignerBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class SignerBenchmark {
  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

  @Param({"GET", "POST"})
  Shape shape;

  Map<String, List<String>> headers;
  HmacSigner hmacSigned;
  RawSigner raw;
  AwsV4HttpSigner aws;
  AwsCredentialsIdentity awsCredentials;
  SdkHttpRequest awsRequest;
  Signer tomitribe;
  String tomitribeTarget;
  EdgeGridV1Signer akamai;
  ClientCredential akamaiCredential;
  Request akamaiRequest;
  Alternating.Call[] contenders;

  @Setup(Level.Trial)
  public void setUp() throws GeneralSecurityException, IOException {
    byte[] secret = Keys.secret();
    headers = shape.headers();
    HmacKey key = HmacKey.builder(Keys.KEY_ID).secret(secret).build();
    hmacSigned = HmacSigner.builder(key).build();
    raw = new RawSigner(Keys.KEY_ID, secret);

    aws = AwsV4HttpSigner.create();
    awsCredentials =
        AwsCredentialsIdentity.create("AKIDEXAMPLE", Base64.getEncoder().encodeToString(secret));
    SdkHttpRequest.Builder request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.fromValue(shape.method))
            .uri(URI.create("https://" + Shape.HOST + shape.target()));
    if (shape.contentType != null) {
      request.putHeader("Content-Type", shape.contentType);
    }
    awsRequest = request.build();

    List<String> signed =
        shape.body.length == 0
            ? List.of("(request-target)", "host", "date")
            : List.of("(request-target)", "host", "date", "content-type", "digest");
    tomitribe =
        new Signer(
            new SecretKeySpec(secret, "HmacSHA256"),
            new Signature(Keys.KEY_ID, "hmac-sha256", null, signed));
    tomitribeTarget = shape.target();

    akamai = new EdgeGridV1Signer();
    akamaiCredential =
        ClientCredential.builder()
            .accessToken("akab-access-token-xxx-xxxxxxxxxxxxxxxx")
            .clientToken("akab-client-token-xxx-xxxxxxxxxxxxxxxx")
            .clientSecret(Base64.getEncoder().encodeToString(secret))
            .host(Shape.HOST)
            .build();
    Request.RequestBuilder akamaiBuilder =
        Request.builder()
            .method(shape.method)
            .uri(URI.create("https://" + Shape.HOST + shape.target()))
            .body(shape.body);
    if (shape.contentType != null) {
      akamaiBuilder.header("Content-Type", shape.contentType);
    }
    akamaiRequest = akamaiBuilder.build();

    crossCheck(key, secret);
    contenders =
        new Alternating.Call[] {
          this::hmacsigned, this::rawjdk, this::tomitribe, this::akamai, this::aws
        };
  }

  /** The floor and the library sign the same protocol: each verifies the other's signature. */
  private void crossCheck(HmacKey key, byte[] secret) throws GeneralSecurityException, IOException {
    HmacVerifier verifier =
        HmacVerifier.builder()
            .keys(KeyRing.of(key))
            .listener(new VerificationListener() {})
            .build();
    RawSigner.Signed fromRaw = rawjdk();
    VerificationResult result =
        verifier.verify(SignedView.of(shape, fromRaw.authorization(), fromRaw.contentDigest()));
    if (!(result instanceof VerificationResult.Verified)) {
      throw new IllegalStateException("the library rejects the floor's signature: " + result);
    }
    SignedHeaders fromLibrary = hmacsigned();
    byte[] body =
        new RawVerifier(Keys.KEY_ID, secret)
            .verify(
                SignedView.of(
                    shape,
                    fromLibrary.authorization(),
                    fromLibrary.contentDigestHeader().orElse(null)));
    if (body == null) {
      throw new IllegalStateException("the floor rejects the library's signature");
    }
  }

  /**
   * hmac-signed: {@link HmacSigner#sign(String, String, String, Map, byte[])}.
   *
   * @return the headers
   */
  @Benchmark
  public SignedHeaders hmacsigned() {
    return hmacSigned.sign(shape.method, shape.path, shape.query, headers, shape.body);
  }

  /**
   * The floor: the same protocol written by hand with the JDK.
   *
   * @return the headers
   */
  @Benchmark
  public RawSigner.Signed rawjdk() {
    return raw.sign(
        shape.method, shape.path, shape.query, Shape.HOST, shape.contentType, shape.body);
  }

  /**
   * AWS SDK v2 SigV4.
   *
   * @return the signed request
   */
  @Benchmark
  public SignedRequest aws() {
    return aws.sign(
        r ->
            r.identity(awsCredentials)
                .request(awsRequest)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(shape.body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
  }

  /**
   * tomitribe http-signatures, with the {@code Date} and {@code Digest} headers it signs.
   *
   * @return the signature
   * @throws IOException never (the library declares it)
   * @throws GeneralSecurityException never (SHA-256 exists)
   */
  @Benchmark
  public Signature tomitribe() throws IOException, GeneralSecurityException {
    Map<String, String> signedHeaders = new HashMap<>();
    signedHeaders.put("Host", Shape.HOST);
    signedHeaders.put("Date", HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
    if (shape.body.length > 0) {
      signedHeaders.put("Content-Type", shape.contentType);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(shape.body);
      signedHeaders.put("Digest", "SHA-256=" + Base64.getEncoder().encodeToString(digest));
    }
    return tomitribe.sign(
        shape.method.toLowerCase(java.util.Locale.ROOT), tomitribeTarget, signedHeaders);
  }

  /**
   * Akamai EdgeGrid v1.
   *
   * @return the {@code Authorization} value
   * @throws RequestSigningException never
   */
  @Benchmark
  public String akamai() throws RequestSigningException {
    return akamai.getSignature(akamaiRequest, akamaiCredential);
  }

  private static final String[] SIGNERS = {"hmacsigned", "rawjdk", "tomitribe", "akamai", "aws"};

  /**
   * The five signers in turns, blocks of 100 signings each: their ratios in one run ({@link
   * Alternating}; read {@code cpu.alternating.*}).
   *
   * @param turns whose turn it is
   * @return what the signer returned
   * @throws Exception never
   */
  @Benchmark
  public Object alternating(Alternating turns) throws Exception {
    return turns.run(SIGNERS, contenders, 100);
  }
}
