package dev.hmacsigned.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome of {@link HmacVerifier#verify(RequestView)}: {@link Verified} or {@link Rejected}.
 *
 * <pre>{@code
 * switch (verifier.verify(request)) {
 *   case VerificationResult.Verified v -> proceed(v.principal(), v.roles(), v.body());
 *   case VerificationResult.Rejected r -> respond(verifier.rejectionResponse(r));
 * }
 * }</pre>
 */
public sealed interface VerificationResult
    permits VerificationResult.Verified, VerificationResult.Rejected {

  /**
   * A request whose signature, timestamp, key, body and nonce all checked out. Only {@link
   * HmacVerifier} creates one, so holding one is proof of verification.
   *
   * <p>Closing it closes its body, deleting any temporary file.
   */
  final class Verified implements VerificationResult, AutoCloseable {
    private final String keyId;
    private final String principal;
    private final Set<String> roles;
    private final Algorithm algorithm;
    private final Instant timestamp;
    private final String nonce;
    private final VerifiedBody body;

    Verified(HmacKey key, SignatureParameters parameters, VerifiedBody body) {
      this.keyId = key.id();
      this.principal = key.principal();
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
    public String toString() {
      return "Verified[keyId=" + keyId + ", principal=" + principal + ", roles=" + roles + "]";
    }
  }

  /**
   * A request that failed a check.
   *
   * @param reason the detailed reason, for logs and listeners
   * @param keyId the key id the request claimed, or {@code null} if it did not get that far
   * @param detail a log-safe explanation (never a secret, MAC, canonical string or body)
   */
  record Rejected(RejectionReason reason, String keyId, String detail)
      implements VerificationResult {
    /**
     * Checks the reason.
     *
     * @throws NullPointerException if reason or detail is null
     */
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }

    /**
     * The public code the caller is told.
     *
     * @return the code
     */
    public RejectionCode code() {
      return reason.code();
    }
  }
}
