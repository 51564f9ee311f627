package dev.hmacsigned.core;

import dev.hmacsigned.core.internal.CanonicalForms;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * A shared secret with its id, algorithm, status, optional expiry, principal name and roles.
 *
 * <pre>{@code
 * HmacKey key = HmacKey.builder("orders-2026-11")
 *     .secret(secretBytes)                 // at least 32 bytes for HMAC-SHA256
 *     .principal("orders-service")
 *     .roles("orders.read", "orders.write")
 *     .build();
 * }</pre>
 *
 * <p>Security: the secret is copied in and never handed out; {@link #toString()} never shows it.
 * The builder refuses secrets shorter than {@link Algorithm#minimumSecretBytes()}. The MAC state is
 * initialized once per key; each use takes a prepared copy from a small pool that belongs to the
 * key (cloned when the pool has none at hand), so a key is safe to share between threads, and no
 * keyed MAC outlives the key object that holds it.
 */
public final class HmacKey {

  /** Slots of {@link #pool}: a power of two, two to four times the processors, at most 64. */
  private static final int MAC_POOL_SLOTS =
      Math.min(
          64, Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors())) * 4);

  private final String id;
  private final Algorithm algorithm;
  private final KeyStatus status;
  private final @Nullable Instant notAfter;
  private final String principal;
  private final Set<String> roles;
  private final SecretKeySpec secret;
  private final Mac prototype;

  /**
   * Prepared MACs for reuse, by the probe of the calling thread: {@code doFinal} resets a MAC to
   * its keyed initial state, so taking one out and putting it back after {@code doFinal} saves a
   * clone per call. A slot holds at most one MAC; a thread finding its slot empty clones the
   * prototype.
   */
  private final AtomicReferenceArray<@Nullable Mac> pool =
      new AtomicReferenceArray<>(MAC_POOL_SLOTS);

  private HmacKey(Builder builder, byte[] secretBytes) {
    this.id = builder.id;
    this.algorithm = builder.algorithm;
    this.status = builder.status;
    this.notAfter = builder.notAfter;
    this.principal = builder.principal == null ? builder.id : builder.principal;
    this.roles = Set.copyOf(builder.roles);
    this.secret = new SecretKeySpec(secretBytes, algorithm.macAlgorithm());
    this.prototype = initMac(secret, algorithm);
  }

  /**
   * Starts a key.
   *
   * @param id the key id: 1 to 128 characters of {@code [A-Za-z0-9._~-]}
   * @return a builder
   * @throws HmacConfigurationException if the id is not valid
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /**
   * Tells whether a string is a valid key id.
   *
   * @param id a candidate
   * @return {@code true} if it is 1 to 128 characters of {@code [A-Za-z0-9._~-]}
   */
  public static boolean isValidId(String id) {
    if (id == null || id.isEmpty() || id.length() > 128) {
      return false;
    }
    // A key id is made of the characters that percent-normalization never encodes (RFC 3986).
    for (int i = 0; i < id.length(); i++) {
      if (!CanonicalForms.isUnreserved(id.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The key id sent in the {@code keyId} parameter.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * The only algorithm this key signs and verifies with.
   *
   * @return the algorithm
   */
  public Algorithm algorithm() {
    return algorithm;
  }

  /**
   * Whether the key is active or revoked.
   *
   * @return the status
   */
  public KeyStatus status() {
    return status;
  }

  /**
   * The instant after which the key no longer verifies.
   *
   * @return the expiry, or empty if the key does not expire
   */
  public Optional<Instant> notAfter() {
    return Optional.ofNullable(notAfter);
  }

  /**
   * The principal name a verified request runs as; the key id unless configured.
   *
   * @return the principal name
   */
  public String principal() {
    return principal;
  }

  /**
   * The roles a verified request holds.
   *
   * @return an immutable set
   */
  public Set<String> roles() {
    return roles;
  }

  /**
   * Tells whether the key may verify a request at an instant: active and not past its expiry.
   *
   * @param now the verifier's clock
   * @return {@code true} if usable
   */
  public boolean isUsableAt(Instant now) {
    return status == KeyStatus.ACTIVE && (notAfter == null || !now.isAfter(notAfter));
  }

  /**
   * The MAC of some bytes with this key: one MAC from this key's pool, returned to it reset.
   *
   * @param data the bytes
   * @param offset where they start
   * @param length how many
   * @return the MAC
   */
  byte[] mac(byte[] data, int offset, int length) {
    int slot = probe(Thread.currentThread());
    Mac mac = pool.getAndSet(slot, null);
    if (mac == null) {
      mac = newMac();
    }
    mac.update(data, offset, length);
    byte[] result = mac.doFinal(); // resets the MAC to its keyed initial state
    pool.compareAndSet(slot, null, mac);
    return result;
  }

  /** A slot of the pool for a thread: spreads the identity hash's bits over the slots. */
  private static int probe(Thread thread) {
    int h = System.identityHashCode(thread);
    return (h ^ (h >>> 16)) & (MAC_POOL_SLOTS - 1);
  }

  /** A fresh MAC initialized with this key, cloned from state prepared once. */
  Mac newMac() {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      // Providers that cannot clone still work, at the price of a key schedule per call.
      return initMac(secret, algorithm);
    }
  }

  private static Mac initMac(SecretKeySpec secret, Algorithm algorithm) {
    try {
      Mac mac = Mac.getInstance(algorithm.macAlgorithm());
      mac.init(secret);
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new HmacConfigurationException(
          "The JDK has no usable " + algorithm.macAlgorithm() + "; every Java SE runtime must.", e);
    }
  }

  @Override
  public String toString() {
    return "HmacKey[id="
        + id
        + ", algorithm="
        + algorithm.scheme()
        + ", status="
        + status
        + (notAfter == null ? "" : ", notAfter=" + notAfter)
        + ", principal="
        + principal
        + ", roles="
        + roles
        + ", secret=(redacted)]";
  }

  /**
   * Builds an {@link HmacKey}; every value is checked in {@link #build()}.
   *
   * <p>Security: {@link #secret(byte[])} copies its argument; the caller may wipe its array after.
   */
  public static final class Builder {
    private final String id;
    private byte @Nullable [] secret;
    private Algorithm algorithm = Algorithm.HMAC_SHA256;
    private KeyStatus status = KeyStatus.ACTIVE;
    private @Nullable Instant notAfter;
    private @Nullable String principal;
    private final Set<String> roles = new LinkedHashSet<>();

    private Builder(String id) {
      if (!isValidId(id)) {
        throw new HmacConfigurationException(
            "A key id must be 1 to 128 characters of [A-Za-z0-9._~-] (protocol v1 §2.1); got "
                + (id == null ? "null" : "an id of " + id.length() + " characters")
                + ".");
      }
      this.id = id;
    }

    /**
     * Sets the raw secret bytes (copied).
     *
     * @param secret at least 32 random bytes for HMAC-SHA256, 64 for HMAC-SHA512
     * @return this builder
     */
    public Builder secret(byte[] secret) {
      this.secret = Objects.requireNonNull(secret, "secret").clone();
      return this;
    }

    /**
     * Sets the algorithm; {@link Algorithm#HMAC_SHA256} by default.
     *
     * @param algorithm the only algorithm the key will be used with
     * @return this builder
     */
    public Builder algorithm(Algorithm algorithm) {
      this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
      return this;
    }

    /**
     * Sets the status; {@link KeyStatus#ACTIVE} by default.
     *
     * @param status the status
     * @return this builder
     */
    public Builder status(KeyStatus status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    /**
     * Sets the instant after which the key stops verifying.
     *
     * @param notAfter the expiry, or {@code null} for none
     * @return this builder
     */
    public Builder notAfter(@Nullable Instant notAfter) {
      this.notAfter = notAfter;
      return this;
    }

    /**
     * Sets the principal name of verified requests; the key id by default.
     *
     * @param principal a non-blank name
     * @return this builder
     */
    public Builder principal(String principal) {
      this.principal = principal;
      return this;
    }

    /**
     * Adds roles held by verified requests.
     *
     * @param roles role names
     * @return this builder
     */
    public Builder roles(String... roles) {
      return roles(Arrays.asList(roles));
    }

    /**
     * Adds roles held by verified requests.
     *
     * @param roles role names
     * @return this builder
     */
    public Builder roles(Iterable<String> roles) {
      for (String role : roles) {
        if (role == null || role.isBlank()) {
          throw new HmacConfigurationException("Key '" + id + "': a role must not be blank.");
        }
        this.roles.add(role.strip());
      }
      return this;
    }

    /**
     * Builds the key.
     *
     * @return the key
     * @throws HmacConfigurationException if the secret is missing or shorter than the algorithm's
     *     minimum, or the principal is blank
     */
    public HmacKey build() {
      byte[] secret = this.secret;
      if (secret == null) {
        throw new HmacConfigurationException("Key '" + id + "' has no secret: call secret(bytes).");
      }
      if (secret.length < algorithm.minimumSecretBytes()) {
        throw new HmacConfigurationException(
            "Key '"
                + id
                + "' has a "
                + secret.length
                + "-byte secret; "
                + algorithm.scheme()
                + " needs at least "
                + algorithm.minimumSecretBytes()
                + " random bytes (protocol v1 §7). Generate one with: head -c "
                + algorithm.minimumSecretBytes()
                + " /dev/urandom | base64");
      }
      if (principal != null && principal.isBlank()) {
        throw new HmacConfigurationException("Key '" + id + "': the principal must not be blank.");
      }
      try {
        return new HmacKey(this, secret);
      } finally {
        Arrays.fill(secret, (byte) 0);
        this.secret = null;
      }
    }
  }
}
