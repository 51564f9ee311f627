package dev.hmacsigned.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The two MAC algorithms of protocol v1. The scheme token of the {@code Authorization} header names
 * both the MAC and the hash of the body digest.
 *
 * <p>Security: a key is bound to exactly one algorithm and the verifier rejects a request whose
 * scheme differs from its key's algorithm; that binding is the protection against downgrades. There
 * is no SHA-1 or MD5 anywhere.
 */
public enum Algorithm {
  /** HMAC with SHA-256; body digest SHA-256; secrets of at least 32 bytes. */
  HMAC_SHA256("HMAC-SHA256", "HmacSHA256", "SHA-256", "sha-256", 32, 32),
  /** HMAC with SHA-512; body digest SHA-512; secrets of at least 64 bytes. */
  HMAC_SHA512("HMAC-SHA512", "HmacSHA512", "SHA-512", "sha-512", 64, 64);

  private final String scheme;
  private final String macAlgorithm;
  private final String digestAlgorithm;
  private final String contentDigestKey;
  private final int minimumSecretBytes;
  private final int macBytes;
  private final byte[] emptyDigest;

  /**
   * One digest per thread, for {@link #hash(byte[])}: a digest holds no secret, and {@code
   * MessageDigest.getInstance} on every request cost a provider lookup and its allocations.
   */
  private final ThreadLocal<MessageDigest> threadDigest;

  Algorithm(
      String scheme,
      String macAlgorithm,
      String digestAlgorithm,
      String contentDigestKey,
      int minimumSecretBytes,
      int macBytes) {
    this.scheme = scheme;
    this.macAlgorithm = macAlgorithm;
    this.digestAlgorithm = digestAlgorithm;
    this.contentDigestKey = contentDigestKey;
    this.minimumSecretBytes = minimumSecretBytes;
    this.macBytes = macBytes;
    this.emptyDigest = newDigest().digest();
    this.threadDigest = ThreadLocal.withInitial(this::newDigest);
  }

  /**
   * A new hash of this algorithm's body digest ({@code SHA-256} or {@code SHA-512}).
   *
   * @return a fresh {@link MessageDigest}, for one thread
   */
  public MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance(digestAlgorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(digestAlgorithm + " is required of every Java SE runtime", e);
    }
  }

  /**
   * The hash of bytes in memory with this algorithm's body digest. The thread's digest is used in
   * one call, which nothing can interrupt to use it again.
   *
   * @param bytes the bytes
   * @return a new array with the hash
   */
  byte[] hash(byte[] bytes) {
    if (bytes.length == 0) {
      return emptyDigest.clone();
    }
    MessageDigest digest = threadDigest.get();
    digest.reset();
    return digest.digest(bytes);
  }

  /** The digest of the empty body, computed once; callers must not modify it. */
  byte[] emptyBodyDigest() {
    return emptyDigest;
  }

  /**
   * The scheme token as it appears on the wire and in the keys file.
   *
   * @return {@code HMAC-SHA256} or {@code HMAC-SHA512}
   */
  public String scheme() {
    return scheme;
  }

  /**
   * The JCA name of the MAC.
   *
   * @return for example {@code HmacSHA256}
   */
  public String macAlgorithm() {
    return macAlgorithm;
  }

  /**
   * The JCA name of the body digest.
   *
   * @return for example {@code SHA-256}
   */
  public String digestAlgorithm() {
    return digestAlgorithm;
  }

  /**
   * The RFC 9530 algorithm key used in {@code Content-Digest}.
   *
   * @return {@code sha-256} or {@code sha-512}
   */
  public String contentDigestKey() {
    return contentDigestKey;
  }

  /**
   * The shortest secret accepted for this algorithm (protocol v1 §7).
   *
   * @return 32 for SHA-256, 64 for SHA-512
   */
  public int minimumSecretBytes() {
    return minimumSecretBytes;
  }

  /**
   * The length of the MAC in bytes; the {@code signature} parameter has twice as many hex digits.
   *
   * @return 32 or 64
   */
  public int macBytes() {
    return macBytes;
  }

  /**
   * Looks up an algorithm by its exact, case-sensitive scheme token.
   *
   * @param scheme the token, for example {@code HMAC-SHA256}
   * @return the algorithm, or empty if the token is not one of the two schemes
   */
  public static Optional<Algorithm> fromScheme(String scheme) {
    for (Algorithm algorithm : values()) {
      if (algorithm.scheme.equals(scheme)) {
        return Optional.of(algorithm);
      }
    }
    return Optional.empty();
  }

  /**
   * Looks up an algorithm by its RFC 9530 {@code Content-Digest} key.
   *
   * @param key for example {@code sha-256}
   * @return the algorithm, or empty if unknown
   */
  public static Optional<Algorithm> fromContentDigestKey(String key) {
    for (Algorithm algorithm : values()) {
      if (algorithm.contentDigestKey.equals(key)) {
        return Optional.of(algorithm);
      }
    }
    return Optional.empty();
  }
}
