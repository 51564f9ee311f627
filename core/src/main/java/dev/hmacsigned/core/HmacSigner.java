package dev.hmacsigned.core;

import dev.hmacsigned.core.internal.Utf8Builder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Signs requests with one key: computes the {@code Authorization} and {@code Content-Digest}
 * headers of protocol v1 for a request.
 *
 * <pre>{@code
 * HmacSigner signer = HmacSigner.builder(key).coveredHeaders("host", "content-type").build();
 * SignedHeaders headers = signer.sign("POST", "/api/orders", null, requestHeaders, bodyBytes);
 * }</pre>
 *
 * <p>Covered headers that are absent from a request are left out of its signature (the {@code
 * headers} parameter lists what was covered). Each signature gets a fresh nonce of 16 random bytes.
 * A signer is immutable and thread-safe.
 */
public final class HmacSigner {
  /** The covered headers by default (protocol v1 §8), each only when present. */
  public static final List<String> DEFAULT_COVERED_HEADERS = List.of("host", "content-type");

  private static final SecureRandom RANDOM = new SecureRandom();

  private static final int NONCE_BYTES_EACH = 16;
  private static final int NONCES_PER_DRAW = 16;
  private static final int NONCE_BATCH_BYTES = NONCE_BYTES_EACH * NONCES_PER_DRAW;

  /**
   * Per thread: the random bytes of the next nonces, then how many of them are used (a {@code
   * byte[]}, a JDK type, so that no thread of a container keeps a class of this library).
   */
  private static final ThreadLocal<byte[]> NONCE_BYTES =
      ThreadLocal.withInitial(
          () -> {
            byte[] batch = new byte[NONCE_BATCH_BYTES + 1];
            batch[NONCE_BATCH_BYTES] = NONCES_PER_DRAW; // all used: draw on first use
            return batch;
          });

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final HmacKey key;
  private final List<String> coveredHeaders;
  private final InstantSource clock;
  private final Supplier<String> nonces;
  // Nonces from a supplier other than randomNonce (the test hook) are checked as they are drawn;
  // randomNonce's 22 base64url characters always pass.
  private final boolean checkNonces;

  private HmacSigner(Builder b) {
    this.key = b.key;
    this.coveredHeaders = List.copyOf(b.coveredHeaders);
    this.clock = b.clock;
    this.nonces = b.nonces;
    this.checkNonces = b.customNonces;
  }

  /**
   * Starts a signer.
   *
   * @param key an active key
   * @return a builder
   */
  public static Builder builder(HmacKey key) {
    return new Builder(key);
  }

  /**
   * Signs a request, reading its body once.
   *
   * @param request the request
   * @return the headers to add
   * @throws IOException if the body cannot be read
   */
  public SignedHeaders sign(RequestView request) throws IOException {
    MessageDigest digest = key.algorithm().newDigest();
    long length = 0;
    try (InputStream in = request.body()) {
      byte[] buffer = new byte[16 * 1024];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        digest.update(buffer, 0, n);
        length += n;
      }
    }
    return sign(request, digest.digest(), length > 0, clock.instant().getEpochSecond());
  }

  /**
   * Signs a request whose body is in memory.
   *
   * @param method the method as sent
   * @param rawPath the raw path, percent-encoding as sent
   * @param rawQuery the raw query, or {@code null}
   * @param headers the request's headers, looked up case-insensitively
   * @param body the exact body bytes; empty or {@code null} for none
   * @return the headers to add
   */
  public SignedHeaders sign(
      String method,
      String rawPath,
      @Nullable String rawQuery,
      java.util.Map<String, List<String>> headers,
      byte @Nullable [] body) {
    return sign(new MapRequestView(method, rawPath, rawQuery, headers, orEmpty(body), null));
  }

  /**
   * Signs a request to a URI, for any HTTP client: path and query come from the URI as it will be
   * sent, and {@code host}, when the headers have no {@code Host}, is the URI's authority ({@code
   * host[:port]}, as an HTTP client sends it).
   *
   * <pre>{@code
   * URI uri = URI.create("https://api.example.com/orders?status=open");
   * SignedHeaders signed = signer.sign("GET", uri, Map.of(), null);
   * HttpRequest request = HttpRequest.newBuilder(uri)
   *     .header("Authorization", signed.authorization())
   *     .build();
   * }</pre>
   *
   * @param method the method as sent
   * @param uri the absolute URI the request is sent to
   * @param headers the request's headers, looked up case-insensitively
   * @param body the exact body bytes; empty or {@code null} for none
   * @return the headers to add
   * @throws IllegalArgumentException if the URI has no host
   */
  public SignedHeaders sign(
      String method, URI uri, java.util.Map<String, List<String>> headers, byte @Nullable [] body) {
    String authority = RequestView.authorityOf(uri);
    return sign(
        new MapRequestView(
            method, uri.getRawPath(), uri.getRawQuery(), headers, orEmpty(body), authority));
  }

  private SignedHeaders sign(MapRequestView view) {
    byte[] bytes = view.bodyBytes();
    byte[] digest = key.algorithm().hash(bytes);
    return sign(view, digest, bytes.length > 0, clock.instant().getEpochSecond());
  }

  private static byte[] orEmpty(byte @Nullable [] body) {
    return body == null ? new byte[0] : body;
  }

  /**
   * Signs a request that has no body, without reading one: for a caller that knows there is none.
   *
   * @param request the request; its body is not read
   * @return the headers to add (no {@code Content-Digest})
   */
  public SignedHeaders signWithoutBody(RequestView request) {
    return sign(
        request, key.algorithm().emptyBodyDigest(), false, clock.instant().getEpochSecond());
  }

  /**
   * Signs a request whose body digest is already known, for a caller that hashed the body while
   * writing it.
   *
   * @param request the request; its body is not read
   * @param bodyDigest the body's hash with this key's algorithm
   * @param bodyIsEmpty whether the body is empty (no {@code Content-Digest} is sent then)
   * @return the headers to add
   */
  public SignedHeaders signWithDigest(RequestView request, byte[] bodyDigest, boolean bodyIsEmpty) {
    return sign(request, bodyDigest, !bodyIsEmpty, clock.instant().getEpochSecond());
  }

  private SignedHeaders sign(RequestView request, byte[] bodyDigest, boolean sendDigest, long now) {
    List<String> covered = presentCoveredHeaders(request);
    String nonce = nonces.get();
    // The canonical string is written as the bytes the MAC reads; its text is made only on demand.
    Utf8Builder canonical = new Utf8Builder(256);
    CanonicalRequest.write(key.algorithm(), key.id(), now, nonce, covered, request, canonical);
    canonical.appendHex(bodyDigest);
    // What the SignatureParameters record checks; the key and the builder vouch for the rest.
    if (checkNonces && !SignatureParameters.isValidNonce(nonce)) {
      throw new IllegalArgumentException("nonce must be 16-128 characters of [A-Za-z0-9_-]");
    }
    if (now < 0 || now > SignatureParameters.MAX_TIMESTAMP) {
      throw new IllegalArgumentException("timestamp must be 0 to 12 decimal digits");
    }
    byte[] mac = key.mac(canonical.array(), 0, canonical.length());
    String authorization =
        SignatureParameters.headerValue(key.algorithm(), key.id(), now, nonce, covered, mac);
    String contentDigest =
        sendDigest ? ContentDigest.of(key.algorithm(), bodyDigest).toHeaderValue() : null;
    return new SignedHeaders(authorization, contentDigest, new CanonicalString(canonical));
  }

  /**
   * The covered headers the request has: the configured list itself when all are present, as they
   * usually are.
   */
  private List<String> presentCoveredHeaders(RequestView request) {
    for (int i = 0; i < coveredHeaders.size(); i++) {
      if (CanonicalRequest.coveredValues(request, coveredHeaders.get(i)).isEmpty()) {
        List<String> present = new ArrayList<>(coveredHeaders.subList(0, i));
        for (String name : coveredHeaders.subList(i + 1, coveredHeaders.size())) {
          if (!CanonicalRequest.coveredValues(request, name).isEmpty()) {
            present.add(name);
          }
        }
        return present;
      }
    }
    return coveredHeaders;
  }

  /**
   * The key this signer signs with.
   *
   * @return the key id
   */
  public String keyId() {
    return key.id();
  }

  /**
   * The algorithm of the key.
   *
   * @return the algorithm
   */
  public Algorithm algorithm() {
    return key.algorithm();
  }

  /**
   * The header names this signer covers when present.
   *
   * @return lowercase names
   */
  public List<String> coveredHeaders() {
    return coveredHeaders;
  }

  /**
   * 16 random bytes in base64url, 22 characters. The bytes come from {@link SecureRandom}, drawn
   * {@value #NONCES_PER_DRAW} nonces at a time per thread: one call to the generator (which reads
   * the operating system's source under a lock) per 16 signings instead of one per signing.
   */
  static String randomNonce() {
    byte[] batch = NONCE_BYTES.get();
    int used = batch[NONCE_BATCH_BYTES];
    if (used == NONCES_PER_DRAW) {
      RANDOM.nextBytes(batch); // its last byte, the counter, is reset below
      used = 0;
    }
    int from = used * NONCE_BYTES_EACH;
    String nonce =
        BASE64URL.encodeToString(Arrays.copyOfRange(batch, from, from + NONCE_BYTES_EACH));
    Arrays.fill(batch, from, from + NONCE_BYTES_EACH, (byte) 0); // each nonce's bytes used once
    batch[NONCE_BATCH_BYTES] = (byte) (used + 1);
    return nonce;
  }

  @Override
  public String toString() {
    return "HmacSigner[keyId=" + key.id() + ", coveredHeaders=" + coveredHeaders + "]";
  }

  /** Builds an {@link HmacSigner}. */
  public static final class Builder {
    private final HmacKey key;
    private List<String> coveredHeaders = DEFAULT_COVERED_HEADERS;
    private InstantSource clock = InstantSource.system();
    private Supplier<String> nonces = HmacSigner::randomNonce;
    private boolean customNonces;

    /** Connection-specific headers (RFC 9110 §7.6.1): never signed. */
    private static final Set<String> HOP_BY_HOP =
        Set.of(
            "connection",
            "keep-alive",
            "proxy-connection",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade");

    /** Headers whose well-known values Jetty's header cache may recase by default. */
    private static final Set<String> RECASED_BY_JETTY = Set.of("cache-control", "accept-encoding");

    private static final System.Logger LOG = System.getLogger("dev.hmacsigned");

    private Builder(HmacKey key) {
      this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * Sets the headers to cover when present; {@code host} and {@code content-type} by default.
     *
     * @param names header names, any case
     * @return this builder
     */
    public Builder coveredHeaders(String... names) {
      return coveredHeaders(List.of(names));
    }

    /**
     * Sets the headers to cover when present.
     *
     * @param names header names, any case
     * @return this builder
     */
    public Builder coveredHeaders(List<String> names) {
      List<String> lower = new ArrayList<>();
      for (String name : names) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (!n.isEmpty() && !lower.contains(n)) {
          lower.add(n);
        }
      }
      this.coveredHeaders = lower;
      return this;
    }

    /**
     * Sets the clock of the timestamps; the system clock by default. A client whose clock drifts
     * can pass a clock corrected by the server's {@code Date}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Replaces the nonce generator: a test-only hook, package-private so that no caller can sign
     * with predictable nonces; the test vectors use it. The default draws 16 bytes from {@link
     * SecureRandom}.
     *
     * @param nonces a supplier of fresh, unique nonces
     * @return this builder
     */
    Builder nonces(Supplier<String> nonces) {
      this.nonces = Objects.requireNonNull(nonces, "nonces");
      this.customNonces = true;
      return this;
    }

    /**
     * Builds the signer.
     *
     * @return the signer
     * @throws HmacConfigurationException if the key is revoked, or a covered header is invalid or
     *     hop-by-hop ({@code connection}, {@code keep-alive}, {@code proxy-connection}, {@code te},
     *     {@code trailer}, {@code transfer-encoding}, {@code upgrade}); covering {@code
     *     cache-control} or {@code accept-encoding} logs a warning (Jetty may recase their values)
     */
    public HmacSigner build() {
      if (key.status() != KeyStatus.ACTIVE) {
        throw new HmacConfigurationException(
            "Key '" + key.id() + "' is revoked: sign with an active key.");
      }
      for (String name : coveredHeaders) {
        if (name.equals("authorization") || !name.matches("[a-z0-9!#$%&'*+.^_`|~-]+")) {
          throw new HmacConfigurationException(
              "Cannot cover header '" + name + "': use header names other than authorization.");
        }
        if (HOP_BY_HOP.contains(name)) {
          throw new HmacConfigurationException(
              "Cannot cover header '"
                  + name
                  + "': it is hop-by-hop, and proxies and servers remove or rewrite it"
                  + " (protocol v1 §3.4).");
        }
        if (RECASED_BY_JETTY.contains(name)) {
          LOG.log(
              System.Logger.Level.WARNING,
              "Covering header ''{0}'': Jetty hands some of its values to the application in"
                  + " another case unless HttpConfiguration.setHeaderCacheCaseSensitive(true),"
                  + " and the request then fails verification (protocol v1 §3.4).",
              name);
        }
      }
      return new HmacSigner(this);
    }
  }
}
