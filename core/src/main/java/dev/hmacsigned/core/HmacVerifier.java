package dev.hmacsigned.core;

import dev.hmacsigned.core.VerificationResult.Rejected;
import dev.hmacsigned.core.VerificationResult.Verified;
import dev.hmacsigned.core.internal.Hex;
import dev.hmacsigned.core.internal.HttpText;
import dev.hmacsigned.core.internal.Utf8Builder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Verifies signed requests: the one pipeline behind every server adapter. It performs the checks of
 * protocol v1 §5, in this order, and stops at the first failure:
 *
 * <ol>
 *   <li>exactly one well-formed {@code Authorization} header of a known scheme;
 *   <li>the timestamp within the allowed skew of the clock;
 *   <li>a known key, active, not expired, whose algorithm is the scheme;
 *   <li>the MAC, compared in constant time on the decoded bytes, before a byte of the body is read
 *       (a body needs {@code Content-Digest}; a request that announces one without it is refused at
 *       step 1);
 *   <li>the body, read once up to the limit, hashing to {@code Content-Digest}; without {@code
 *       Content-Digest}, at most one byte is read and the body must be empty;
 *   <li>the nonce, recorded atomically in the replay store.
 * </ol>
 *
 * <pre>{@code
 * HmacVerifier verifier = HmacVerifier.builder()
 *     .keySource(KeySource.keysFile(Path.of("/etc/hmac/keys.properties")))
 *     .clockSkew(Duration.ofMinutes(2))
 *     .build();
 * VerificationResult result = verifier.verify(requestView);
 * }</pre>
 *
 * <p>Security: secure by default (replay protection, 300 s skew capped at 15 minutes, 10 MiB body
 * limit). Unauthenticated requests never reach the replay store. Every request that reaches the key
 * check costs exactly one MAC, over a dummy key when its key is unknown, revoked, expired or of
 * another algorithm, so that timing does not reveal key ids. Nothing secret is logged. A verifier
 * is immutable and thread-safe.
 */
public final class HmacVerifier {
  /**
   * The request attribute (servlet) or property (JAX-RS) under which an adapter stores the {@link
   * Verified} result, so that a second adapter on the same request uses it instead of verifying
   * again.
   */
  public static final String VERIFIED_ATTRIBUTE = "dev.hmacsigned.verified";

  /** The default allowed clock skew: 300 seconds. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(300);

  /** The largest clock skew the verifier accepts: 15 minutes. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);

  /** The default body limit: 10 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;

  /** The default size above which a body is spilled to a temporary file: 1 MiB. */
  public static final int DEFAULT_MEMORY_THRESHOLD = 1024 * 1024;

  /** The default realm of the challenges. */
  public static final String DEFAULT_REALM = "api";

  private static final System.Logger LOG = System.getLogger("dev.hmacsigned");

  private static final Map<Algorithm, HmacKey> DUMMY_KEYS = dummyKeys();

  private static final String AUTHORIZATION = "authorization";
  private static final String CONTENT_DIGEST = "content-digest";

  private final KeySource keySource;
  private final ReplayStore replayStore;
  private final InstantSource clock;
  private final long skewSeconds;
  private final long maxBodyBytes;
  private final int memoryThreshold;
  private final @Nullable Path tempDirectory;
  private final String realm;
  private final VerificationListener listener;
  private final Runnable macObserver;

  private HmacVerifier(
      Builder b, KeySource keySource, ReplayStore replayStore, VerificationListener listener) {
    this.keySource = keySource;
    this.replayStore = replayStore;
    this.clock = b.clock;
    this.skewSeconds = b.clockSkew.getSeconds();
    this.maxBodyBytes = b.maxBodyBytes;
    this.memoryThreshold = b.memoryThreshold;
    this.tempDirectory = b.tempDirectory;
    this.realm = b.realm;
    this.listener = listener;
    this.macObserver = b.macObserver;
  }

  /**
   * Starts a verifier. A key source is required.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies a request. Reads its body at most once and at most up to the limit; a {@link Verified}
   * result holds the body, byte for byte, and should be closed when the request is done.
   *
   * @param request the request
   * @return {@link Verified} or {@link Rejected}; never throws for anything the client sent
   */
  public VerificationResult verify(RequestView request) {
    long start = System.nanoTime();
    VerificationResult result;
    try {
      result = check(request);
    } catch (RuntimeException e) {
      // The adapter could not show the request (a framework refused to parse what its own HTTP
      // layer accepted). The client sent it, so the answer is a rejection, never a 500; the stack
      // trace goes to the log only.
      LOG.log(System.Logger.Level.WARNING, "The request could not be read for verification", e);
      result =
          reject(
              RejectionReason.REQUEST_UNREADABLE,
              null,
              "the framework could not show the request: " + e.getClass().getSimpleName());
    }
    long elapsed = System.nanoTime() - start;
    try {
      if (result instanceof Verified verified) {
        verified.measured(elapsed);
        listener.onVerified(verified, request);
      } else {
        Rejected rejected = (Rejected) result;
        rejected.measured(elapsed);
        rejected.keyInRing(isInRing(rejected.keyId()));
        listener.onRejected(rejected, request);
      }
    } catch (RuntimeException e) {
      // A broken listener must not turn a verdict into a 500; the verdict stands.
      CompositeListener.ignored(e);
    }
    return result;
  }

  /** Whether a rejected request's key id is one of the ring's; a failing source says no. */
  private boolean isInRing(Optional<String> keyId) {
    try {
      return keyId.isPresent() && keySource.current().find(keyId.get()).isPresent();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private VerificationResult check(RequestView request) {
    // 1. Exactly one Authorization header, well formed, of a known scheme.
    List<String> authorization = request.headers(AUTHORIZATION);
    if (authorization.isEmpty()) {
      return reject(RejectionReason.MISSING_AUTHORIZATION, null, "no Authorization header");
    }
    if (authorization.size() > 1) {
      return reject(
          RejectionReason.MULTIPLE_AUTHORIZATION, null, "more than one Authorization header");
    }
    String header = authorization.get(0);
    if (!SignatureParameters.claimsHmacScheme(header)) {
      return reject(
          RejectionReason.MISSING_AUTHORIZATION, null, "the Authorization scheme is not HMAC-*");
    }
    SignatureParameters params;
    try {
      params = SignatureParameters.parse(header);
    } catch (IllegalArgumentException e) {
      return reject(RejectionReason.MALFORMED_AUTHORIZATION, null, messageOf(e));
    }
    String keyId = params.keyId();
    for (String name : params.coveredHeaders()) {
      List<String> values = CanonicalRequest.coveredValues(request, name);
      if (values.isEmpty()) {
        return reject(
            RejectionReason.COVERED_HEADER_MISSING, keyId, "covered header " + name + " is absent");
      }
      if (!CanonicalRequest.isCoverable(values)) {
        return reject(
            RejectionReason.COVERED_HEADER_NOT_ASCII,
            keyId,
            "covered header " + name + " has a character other than visible ASCII, space and tab");
      }
    }
    Optional<ContentDigest> claimedDigest;
    try {
      claimedDigest = ContentDigest.find(request.headers(CONTENT_DIGEST), params.algorithm());
    } catch (IllegalArgumentException e) {
      return reject(RejectionReason.MALFORMED_CONTENT_DIGEST, keyId, messageOf(e));
    }
    if (claimedDigest.isEmpty() && declaresBody(request)) {
      // Refused before the MAC, so that nobody makes the server read a body it cannot check.
      return reject(
          RejectionReason.CONTENT_DIGEST_MISSING,
          keyId,
          "a body is declared (Content-Length or Transfer-Encoding) without Content-Digest");
    }

    // 2. Timestamp within the window.
    Instant now = clock.instant();
    long drift = now.getEpochSecond() - params.timestamp();
    VerificationResult result;
    if (Math.abs(drift) > skewSeconds) {
      result =
          reject(
              RejectionReason.TIMESTAMP_OUT_OF_WINDOW,
              keyId,
              "timestamp is "
                  + Math.abs(drift)
                  + " s "
                  + (drift > 0 ? "old" : "in the future")
                  + ", allowed "
                  + skewSeconds
                  + " s");
    } else {
      result = checkSigned(request, params, claimedDigest, now);
    }
    // Every verdict from here on carries the skew seen here, for metrics.
    if (result instanceof Verified verified) {
      verified.clockSkewSeconds(drift);
    } else {
      ((Rejected) result).clockSkewSeconds(drift);
    }
    return result;
  }

  /** Steps 3 to 7, for a request whose timestamp is within the window. */
  private VerificationResult checkSigned(
      RequestView request,
      SignatureParameters params,
      Optional<ContentDigest> claimedDigest,
      Instant now) {
    String keyId = params.keyId();

    // 3. Key: known, active, not expired, bound to this algorithm. Every outcome of the lookup
    // costs one MAC over the canonical string (step 4's, or over a dummy key), so that the time
    // of an answer does not tell which key ids exist or in which state they are.
    // The canonical string is written as the bytes the MAC reads, with no string in between.
    Utf8Builder canonical = new Utf8Builder(256);
    CanonicalRequest.write(
        params.algorithm(),
        keyId,
        params.timestamp(),
        params.nonce(),
        params.coveredHeaders(),
        request,
        canonical);
    canonical.appendHex(
        claimedDigest.isPresent()
            ? claimedDigest.get().digestBytes()
            : params.algorithm().emptyBodyDigest());
    Optional<HmacKey> found = keySource.current().find(keyId);
    @Nullable Rejected keyRejection = null;
    if (found.isEmpty()) {
      keyRejection = reject(RejectionReason.UNKNOWN_KEY, keyId, "no key has this id");
    } else if (found.get().status() == KeyStatus.REVOKED) {
      keyRejection = reject(RejectionReason.KEY_REVOKED, keyId, "the key is revoked");
    } else if (!found.get().isUsableAt(now)) {
      keyRejection =
          reject(
              RejectionReason.KEY_EXPIRED,
              keyId,
              "the key expired at " + found.get().notAfter().get());
    } else if (found.get().algorithm() != params.algorithm()) {
      keyRejection =
          reject(
              RejectionReason.ALGORITHM_MISMATCH,
              keyId,
              "signed with "
                  + params.algorithm().scheme()
                  + ", key is "
                  + found.get().algorithm().scheme());
    }
    HmacKey key =
        keyRejection == null
            ? found.get()
            : Objects.requireNonNull(DUMMY_KEYS.get(params.algorithm()));

    // 4. MAC, before a byte of the body is read: over the digest in Content-Digest, or, without
    // one, over the empty body's digest (protocol v1 §2.2: a non-empty body needs Content-Digest).
    byte[] expected = mac(key, canonical);
    boolean macHolds = MessageDigest.isEqual(expected, Hex.decode(params.signature()));
    if (keyRejection != null) {
      return keyRejection;
    }
    if (!macHolds) {
      // The fingerprint of the canonical string computed here, for an operator to compare with
      // the one the client shows (never the string itself).
      return new Rejected(
          RejectionReason.SIGNATURE_MISMATCH,
          keyId,
          "the MAC differs",
          CanonicalString.fingerprintOf(canonical.toString()));
    }

    // 5. Body: read up to the limit and hashed against Content-Digest; without Content-Digest it
    // must be empty, which takes reading at most one byte.
    VerifiedBody body;
    try {
      if (claimedDigest.isPresent()) {
        MessageDigest digest = params.algorithm().newDigest();
        body = readBody(request, digest);
        if (!claimedDigest.get().matches(digest.digest())) {
          return closeAndReject(
              body,
              RejectionReason.BODY_DIGEST_MISMATCH,
              keyId,
              "the body differs from Content-Digest");
        }
      } else if (hasAByte(request)) {
        return reject(
            RejectionReason.CONTENT_DIGEST_MISSING,
            keyId,
            "a non-empty body without Content-Digest");
      } else {
        body = VerifiedBody.empty();
      }
    } catch (BodyBuffer.TooLargeException e) {
      return reject(
          RejectionReason.BODY_TOO_LARGE, keyId, "the body is over " + maxBodyBytes + " bytes");
    } catch (BodyBuffer.StorageException e) {
      Throwable cause = e.getCause();
      return reject(
          RejectionReason.BODY_STORAGE_FAILED,
          keyId,
          "the body could not be written to a temporary file: "
              + (cause == null ? "" : cause.getClass().getSimpleName() + " ")
              + (cause == null || cause.getMessage() == null ? "" : cause.getMessage()));
    } catch (IOException e) {
      return reject(
          RejectionReason.BODY_UNREADABLE,
          keyId,
          "reading the body failed: " + e.getClass().getSimpleName());
    }

    // 6. Nonce, only now that the request is authentic.
    boolean first;
    try {
      first =
          replayStore.recordIfAbsent(
              keyId,
              params.nonce(),
              // The window check passes while now < timestamp + skew + 1 s (whole seconds).
              Instant.ofEpochSecond(params.timestamp() + skewSeconds + 1));
    } catch (RuntimeException e) {
      body.close();
      return reject(
          RejectionReason.REPLAY_STORE_UNAVAILABLE, keyId, "replay store: " + e.getMessage());
    }
    if (!first) {
      return closeAndReject(
          body, RejectionReason.REPLAYED_NONCE, keyId, "the nonce was already used");
    }

    // 7. Verified.
    return new Verified(key, params, body);
  }

  /** The one MAC of a verification; {@link #macObserver} counts them in tests. */
  private byte[] mac(HmacKey key, Utf8Builder canonical) {
    macObserver.run();
    return key.mac(canonical.array(), 0, canonical.length());
  }

  /** A key per algorithm that no client holds: the MAC of a request whose key cannot verify. */
  private static Map<Algorithm, HmacKey> dummyKeys() {
    SecureRandom random = new SecureRandom();
    Map<Algorithm, HmacKey> keys = new EnumMap<>(Algorithm.class);
    for (Algorithm algorithm : Algorithm.values()) {
      byte[] secret = new byte[algorithm.minimumSecretBytes()];
      random.nextBytes(secret);
      keys.put(
          algorithm, HmacKey.builder("timing-dummy").secret(secret).algorithm(algorithm).build());
    }
    return keys;
  }

  private VerifiedBody readBody(RequestView request, MessageDigest digest) throws IOException {
    try (InputStream in = framesNoBody(request) ? InputStream.nullInputStream() : request.body()) {
      return BodyBuffer.read(
          in, digest, maxBodyBytes, memoryThreshold, tempDirectory, announcedLength(request));
    }
  }

  /**
   * The one {@code Content-Length} of a request, as a hint to size the body's buffer, or -1 when
   * there is none, several, or one that is not a plain number. Only a hint: the body is read to its
   * end whatever its length.
   */
  private static long announcedLength(RequestView request) {
    List<String> values = request.headers("content-length");
    if (values.size() != 1) {
      return -1;
    }
    String value = values.get(0);
    if (value.isEmpty() || value.length() > 18) {
      return -1;
    }
    long length = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      length = 10 * length + (c - '0');
    }
    return length;
  }

  /**
   * Whether the request has at least one byte of body; reads at most one byte, and nothing when the
   * framing says there is no body.
   */
  private static boolean hasAByte(RequestView request) throws IOException {
    if (framesNoBody(request)) {
      return false;
    }
    try (InputStream in = request.body()) {
      return in.read() != -1;
    }
  }

  /**
   * Whether the framing announces a body: a {@code Transfer-Encoding}, or a {@code Content-Length}
   * other than 0. A request that announces a body without {@code Content-Digest} is refused before
   * its MAC is checked, so that nothing is read for an unauthenticated caller.
   */
  private static boolean declaresBody(RequestView request) {
    if (!request.headers("transfer-encoding").isEmpty()) {
      return true;
    }
    for (String value : request.headers("content-length")) {
      for (String part : value.split(",", -1)) {
        String length = HttpText.trimOws(part);
        if (length.isEmpty() || !length.chars().allMatch(c -> c == '0')) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether HTTP/1.1 framing says the request has no body, so that nothing is read: a request with
   * an {@code Upgrade} header is HTTP/1.1 (HTTP/2 forbids the header), and an HTTP/1.1 request
   * without {@code Content-Length} and {@code Transfer-Encoding} has no body (RFC 9112 §6.3).
   * Grizzly, which does not speak h2c, instead treats the rest of the connection as the body of
   * such a request and blocks a reader until the client gives up; the JDK {@code HttpClient} and
   * Apache CXF's client send {@code Upgrade: h2c} on plain HTTP by default.
   */
  private static boolean framesNoBody(RequestView request) {
    return !request.headers("upgrade").isEmpty()
        && request.headers("content-length").isEmpty()
        && request.headers("transfer-encoding").isEmpty();
  }

  private static Rejected closeAndReject(
      @Nullable VerifiedBody body, RejectionReason reason, String keyId, String detail) {
    if (body != null) {
      body.close();
    }
    return reject(reason, keyId, detail);
  }

  private static Rejected reject(RejectionReason reason, @Nullable String keyId, String detail) {
    return new Rejected(reason, keyId, detail);
  }

  /** The parsers' messages are log-safe and always present; a missing one says so. */
  private static String messageOf(IllegalArgumentException e) {
    String message = e.getMessage();
    return message != null ? message : "malformed (no detail)";
  }

  /**
   * The HTTP response for a rejection, with this verifier's realm.
   *
   * @param rejected the rejection
   * @return status, challenges and problem body
   */
  public RejectionResponse rejectionResponse(Rejected rejected) {
    return RejectionResponse.of(rejected.code(), realm);
  }

  /**
   * The allowed clock skew.
   *
   * @return the skew
   */
  public Duration clockSkew() {
    return Duration.ofSeconds(skewSeconds);
  }

  /**
   * The largest body verified.
   *
   * @return bytes
   */
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * The realm of the challenges.
   *
   * @return the realm
   */
  public String realm() {
    return realm;
  }

  @Override
  public String toString() {
    return "HmacVerifier[keySource="
        + keySource
        + ", replayStore="
        + replayStore
        + ", clockSkew="
        + skewSeconds
        + "s, maxBodyBytes="
        + maxBodyBytes
        + ", realm="
        + realm
        + "]";
  }

  /**
   * Builds an {@link HmacVerifier}. Every value is checked in {@link #build()}.
   *
   * <p>Replay protection is on by default with an {@link InMemoryReplayStore}; turning it off takes
   * {@link #withoutReplayProtection()}.
   */
  public static final class Builder {
    private @Nullable KeySource keySource;
    private @Nullable ReplayStore replayStore;
    private boolean replayProtectionOff;
    private InstantSource clock = InstantSource.system();
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private int memoryThreshold = DEFAULT_MEMORY_THRESHOLD;
    private @Nullable Path tempDirectory;
    private String realm = DEFAULT_REALM;
    private final List<VerificationListener> listeners =
        new ArrayList<>(List.of(VerificationListener.logging()));
    private Runnable macObserver = () -> {};

    private Builder() {}

    /** Tests only: runs before every MAC computation, to count them. */
    Builder macObserver(Runnable macObserver) {
      this.macObserver = Objects.requireNonNull(macObserver, "macObserver");
      return this;
    }

    /**
     * Sets where keys come from (required).
     *
     * @param keySource the source
     * @return this builder
     */
    public Builder keySource(KeySource keySource) {
      this.keySource = Objects.requireNonNull(keySource, "keySource");
      return this;
    }

    /**
     * Verifies with a fixed ring; shorthand for {@code keySource(KeySource.of(ring))}.
     *
     * @param ring the keys
     * @return this builder
     */
    public Builder keys(KeyRing ring) {
      return keySource(KeySource.of(ring));
    }

    /**
     * Sets the replay store; otherwise an {@link InMemoryReplayStore} of default capacity, on this
     * verifier's clock.
     *
     * @param replayStore the store
     * @return this builder
     */
    public Builder replayStore(ReplayStore replayStore) {
      this.replayStore = Objects.requireNonNull(replayStore, "replayStore");
      return this;
    }

    /**
     * Accepts a captured request as often as it is sent within the skew window. Only for callers
     * whose requests are idempotent and who accept that risk.
     *
     * @return this builder
     */
    public Builder withoutReplayProtection() {
      this.replayProtectionOff = true;
      return this;
    }

    /**
     * Sets the clock; the system clock by default.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the allowed difference between the request's timestamp and the clock; 300 s by default,
     * at most 15 minutes.
     *
     * @param clockSkew the skew, whole seconds
     * @return this builder
     */
    public Builder clockSkew(Duration clockSkew) {
      this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
      return this;
    }

    /**
     * Sets the largest body verified; 10 MiB by default. Longer bodies get 413 and are not read
     * past the limit.
     *
     * @param maxBodyBytes at least 0
     * @return this builder
     */
    public Builder maxBodyBytes(long maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * Sets the size up to which a body is kept in memory; 1 MiB by default. Larger bodies are
     * spilled to a temporary file, deleted when the request is done.
     *
     * @param memoryThreshold bytes, at least 0
     * @return this builder
     */
    public Builder memoryThreshold(int memoryThreshold) {
      this.memoryThreshold = memoryThreshold;
      return this;
    }

    /**
     * Sets the directory of temporary body files; {@code java.io.tmpdir} by default.
     *
     * @param tempDirectory an existing, private directory
     * @return this builder
     */
    public Builder tempDirectory(Path tempDirectory) {
      this.tempDirectory = tempDirectory;
      return this;
    }

    /**
     * Sets the realm of the {@code WWW-Authenticate} challenges; {@code api} by default.
     *
     * @param realm printable ASCII without {@code "} or {@code \}
     * @return this builder
     */
    public Builder realm(String realm) {
      this.realm = Objects.requireNonNull(realm, "realm");
      return this;
    }

    /**
     * Sets the listener told of every verdict, instead of all listeners set so far; {@link
     * VerificationListener#logging()} by default. To keep the log and add metrics, use {@link
     * #addListener(VerificationListener)}.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(VerificationListener listener) {
      Objects.requireNonNull(listener, "listener");
      listeners.clear();
      listeners.add(listener);
      return this;
    }

    /**
     * Adds a listener told of every verdict after those already set (the {@link
     * VerificationListener#logging() log} by default), for example a metrics listener:
     *
     * <pre>{@code
     * HmacVerifier verifier = HmacVerifier.builder()
     *     .keySource(keys)
     *     .addListener(HmacMicrometer.verificationListener(registry))
     *     .build();
     * }</pre>
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder addListener(VerificationListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the verifier
     * @throws HmacConfigurationException if the key source is missing or a value is out of range
     */
    public HmacVerifier build() {
      if (keySource == null) {
        throw new HmacConfigurationException(
            "An HmacVerifier needs keys: call keySource(KeySource.keysFile(path)) or keys(ring).");
      }
      if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
        throw new HmacConfigurationException(
            "The clock skew must be between 0 and 15 minutes (protocol v1 §5); got "
                + clockSkew.getSeconds()
                + " s.");
      }
      if (maxBodyBytes < 0 || maxBodyBytes == Long.MAX_VALUE) {
        throw new HmacConfigurationException("maxBodyBytes must be between 0 and 2^63 - 2.");
      }
      if (memoryThreshold < 0) {
        throw new HmacConfigurationException("memoryThreshold must not be negative.");
      }
      if (!isValidRealm(realm)) {
        throw new HmacConfigurationException("The realm must be printable ASCII without \" or \\.");
      }
      // The builder is left as it was: build() may be called again, and gives an equal verifier.
      ReplayStore store;
      if (replayProtectionOff) {
        if (replayStore != null) {
          throw new HmacConfigurationException(
              "Choose either replayStore(...) or withoutReplayProtection(), not both.");
        }
        store = (keyId, nonce, expiresAt) -> true;
      } else if (replayStore != null) {
        store = replayStore;
      } else {
        // On the verifier's clock, so that a nonce expires when the verifier's window says so.
        store = InMemoryReplayStore.withCapacity(InMemoryReplayStore.DEFAULT_CAPACITY, clock);
      }
      VerificationListener listener = VerificationListener.of(listeners);
      try {
        listener.onVerifierBuilt(keySource);
      } catch (RuntimeException e) {
        // Metrics that cannot register (a registry refusing a name) must not stop verification.
        CompositeListener.ignored(e);
      }
      return new HmacVerifier(this, keySource, store, listener);
    }

    private static boolean isValidRealm(String realm) {
      for (int i = 0; i < realm.length(); i++) {
        char c = realm.charAt(i);
        if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
          return false;
        }
      }
      return true;
    }
  }
}
