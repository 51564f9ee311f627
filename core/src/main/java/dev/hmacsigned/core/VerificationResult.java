package dev.hmacsigned.core;

import java.security.Principal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@link HmacVerifier#verify(RequestView)}: {@link Verified} or {@link Rejected}.
 * Close it when the request is done: a verified body may be held in a temporary file.
 *
 * <pre>{@code
 * try (VerificationResult result = verifier.verify(request)) {
 *   switch (result) {
 *     case VerificationResult.Verified v -> proceed(v.userPrincipal(), v.roles(), v.body());
 *     case VerificationResult.Rejected r -> respond(verifier.rejectionResponse(r));
 *   }
 * }
 * }</pre>
 */
public sealed interface VerificationResult extends AutoCloseable
    permits VerificationResult.Verified, VerificationResult.Rejected {

  /**
   * The authentication scheme a server reports for a verified caller: JAX-RS {@code
   * SecurityContext.getAuthenticationScheme()}, servlet {@code getAuthType()}.
   */
  String AUTHENTICATION_SCHEME = "HMAC";

  /** Releases what the result holds (a verified body); a rejection holds nothing. Idempotent. */
  @Override
  void close();

  /**
   * How long {@link HmacVerifier#verify(RequestView)} took to reach this verdict, body and replay
   * store included, listeners excluded: the verification latency a metrics listener records.
   *
   * @return nanoseconds, from {@link System#nanoTime()}
   */
  long elapsedNanos();

  /**
   * The signed clock skew: the verifier's clock minus the request's signed timestamp, in whole
   * seconds, as seen when the timestamp was checked. Positive when the request is older than the
   * server's clock (the client's clock is behind, or the request was delayed), negative when it
   * comes from the future. A {@link RejectionReason#TIMESTAMP_OUT_OF_WINDOW} rejection carries it
   * too, which is where it matters most.
   *
   * @return the skew in seconds; empty when the verifier did not get as far as the timestamp check
   */
  OptionalLong clockSkewSeconds();

  /**
   * A request whose signature, timestamp, key, body and nonce all checked out. Only {@link
   * HmacVerifier} creates one, so holding one is proof of verification.
   *
   * <p>Closing it closes its body, deleting any temporary file.
   */
  final class Verified implements VerificationResult {
    private final String keyId;
    private final Principal principal;
    private final Set<String> roles;
    private final Algorithm algorithm;
    private final Instant timestamp;
    private final String nonce;
    private final VerifiedBody body;
    // Written by the verifier before the result leaves verify(); read-only afterwards.
    private long elapsedNanos;
    private long clockSkewSeconds;

    Verified(HmacKey key, SignatureParameters parameters, VerifiedBody body) {
      this.keyId = key.id();
      this.principal = new KeyPrincipal(key.principal());
      this.roles = key.roles();
      this.algorithm = key.algorithm();
      this.timestamp = Instant.ofEpochSecond(parameters.timestamp());
      this.nonce = parameters.nonce();
      this.body = Objects.requireNonNull(body);
    }

    /**
     * The id of the key that signed the request.
     *
     * @return the key id
     */
    public String keyId() {
      return keyId;
    }

    /**
     * The principal name of the key.
     *
     * @return the name
     */
    public String principal() {
      return principal.getName();
    }

    /**
     * The caller as a {@link Principal}, for a server's security context: its name is the key's
     * principal name; two are equal when their names are.
     *
     * @return the principal
     */
    public Principal userPrincipal() {
      return principal;
    }

    /**
     * The roles of the key.
     *
     * @return an immutable set
     */
    public Set<String> roles() {
      return roles;
    }

    /**
     * The algorithm of the signature.
     *
     * @return the algorithm
     */
    public Algorithm algorithm() {
      return algorithm;
    }

    /**
     * The signed timestamp.
     *
     * @return when the client signed
     */
    public Instant timestamp() {
      return timestamp;
    }

    /**
     * The nonce, now recorded in the replay store.
     *
     * @return the nonce
     */
    public String nonce() {
      return nonce;
    }

    /**
     * The verified body, byte for byte.
     *
     * @return the body
     */
    public VerifiedBody body() {
      return body;
    }

    @Override
    public void close() {
      body.close();
    }

    @Override
    public long elapsedNanos() {
      return elapsedNanos;
    }

    /**
     * {@inheritDoc}
     *
     * @return always present for a verified request
     */
    @Override
    public OptionalLong clockSkewSeconds() {
      return OptionalLong.of(clockSkewSeconds);
    }

    void measured(long elapsedNanos) {
      this.elapsedNanos = elapsedNanos;
    }

    void clockSkewSeconds(long seconds) {
      this.clockSkewSeconds = seconds;
    }

    @Override
    public String toString() {
      return "Verified[keyId="
          + keyId
          + ", principal="
          + principal.getName()
          + ", roles="
          + roles
          + "]";
    }
  }

  /**
   * A request that failed a check. Only {@link HmacVerifier} creates one.
   *
   * <p>Security: {@link #detail()} and {@link #toString()} are log-safe: never a secret, MAC,
   * canonical string or body; at most the canonical string's fingerprint.
   */
  final class Rejected implements VerificationResult {
    private final RejectionReason reason;
    private final @Nullable String keyId;
    private final String detail;
    private final @Nullable String canonicalFingerprint;
    // Written by the verifier before the result leaves verify(); read-only afterwards.
    private long elapsedNanos;
    private long clockSkewSeconds;
    private boolean hasClockSkew;
    private boolean keyInRing;

    Rejected(RejectionReason reason, @Nullable String keyId, String detail) {
      this(reason, keyId, detail, null);
    }

    Rejected(
        RejectionReason reason,
        @Nullable String keyId,
        String detail,
        @Nullable String canonicalFingerprint) {
      this.reason = Objects.requireNonNull(reason, "reason");
      this.keyId = keyId;
      this.detail = Objects.requireNonNull(detail, "detail");
      this.canonicalFingerprint = canonicalFingerprint;
    }

    /**
     * The detailed reason, for logs and listeners.
     *
     * @return the reason
     */
    public RejectionReason reason() {
      return reason;
    }

    /**
     * The key id the request claimed.
     *
     * @return the key id, or empty if the request did not get as far as naming one
     */
    public Optional<String> keyId() {
      return Optional.ofNullable(keyId);
    }

    /**
     * A log-safe explanation of the reason.
     *
     * @return the explanation
     */
    public String detail() {
      return detail;
    }

    /**
     * The {@link CanonicalString#fingerprint() fingerprint} of the canonical string the verifier
     * computed, on a {@link RejectionReason#SIGNATURE_MISMATCH}: compare it with the fingerprint
     * the client shows for the request it signed. Equal fingerprints mean both sides agree on the
     * request and the keys differ; different ones mean the request changed on its way or the client
     * built it differently ({@code hmac-signed verify --explain} shows the lines).
     *
     * @return 12 lowercase hex digits, or empty for every other reason
     */
    public Optional<String> canonicalFingerprint() {
      return Optional.ofNullable(canonicalFingerprint);
    }

    /**
     * The public code the caller is told.
     *
     * @return the code
     */
    public RejectionCode code() {
      return reason.code();
    }

    /**
     * Whether {@link #keyId()} names a key of the verifier's ring, in any state, when the request
     * was checked. Metrics tag a rejection with its key id only when it does: a client chooses the
     * key id it sends, and must not be able to create new time series at will.
     *
     * @return {@code false} also when the request named no key
     */
    public boolean keyInRing() {
      return keyInRing;
    }

    /** Nothing to release. */
    @Override
    public void close() {}

    @Override
    public long elapsedNanos() {
      return elapsedNanos;
    }

    @Override
    public OptionalLong clockSkewSeconds() {
      return hasClockSkew ? OptionalLong.of(clockSkewSeconds) : OptionalLong.empty();
    }

    void measured(long elapsedNanos) {
      this.elapsedNanos = elapsedNanos;
    }

    void clockSkewSeconds(long seconds) {
      this.clockSkewSeconds = seconds;
      this.hasClockSkew = true;
    }

    void keyInRing(boolean keyInRing) {
      this.keyInRing = keyInRing;
    }

    /**
     * Two rejections are equal when they give the same verdict: reason, key id and detail. The
     * {@link #canonicalFingerprint()} is a diagnostic of one request (two requests with other
     * nonces have other ones) and takes no part.
     */
    @Override
    public boolean equals(Object o) {
      return o instanceof Rejected r
          && r.reason == reason
          && Objects.equals(r.keyId, keyId)
          && r.detail.equals(detail);
    }

    @Override
    public int hashCode() {
      return Objects.hash(reason, keyId, detail);
    }

    @Override
    public String toString() {
      return "Rejected[reason="
          + reason
          + ", keyId="
          + keyId
          + ", detail="
          + detail
          + (canonicalFingerprint == null ? "" : ", fingerprint=" + canonicalFingerprint)
          + "]";
    }
  }
}
