package dev.hmacsigned.core;

import dev.hmacsigned.core.internal.HttpText;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code Content-Digest} value (RFC 9530): {@code sha-256=:<base64>:} or {@code
 * sha-512=:<base64>:}. The client sends it whenever the body is not empty, so that the server can
 * check the signature before it reads the body.
 *
 * <pre>{@code
 * String header = ContentDigest.of(Algorithm.HMAC_SHA256, sha256OfBody).toHeaderValue();
 * }</pre>
 */
final class ContentDigest {
  // One dictionary member: key "=" ":" base64 ":" (RFC 8941 byte sequence), parameters not allowed.
  private static final Pattern MEMBER =
      Pattern.compile("([a-z*][a-z0-9_.*-]*)=:([A-Za-z0-9+/]*={0,2}):");

  private final Algorithm algorithm;
  private final byte[] digest;

  private ContentDigest(Algorithm algorithm, byte[] digest) {
    this.algorithm = algorithm;
    this.digest = digest;
  }

  /**
   * A digest of the given algorithm's hash.
   *
   * @param algorithm whose hash produced the digest
   * @param digest the raw digest bytes (copied)
   * @return the value
   * @throws IllegalArgumentException if the length does not match the hash
   */
  public static ContentDigest of(Algorithm algorithm, byte[] digest) {
    Objects.requireNonNull(algorithm, "algorithm");
    if (digest.length != algorithm.macBytes()) {
      throw new IllegalArgumentException(
          algorithm.contentDigestKey() + " digests are " + algorithm.macBytes() + " bytes");
    }
    return new ContentDigest(algorithm, digest.clone());
  }

  /**
   * Finds the entry for an algorithm's hash among the {@code Content-Digest} header lines of a
   * request. Several lines are one dictionary, as if joined by commas. Entries of other hashes are
   * ignored.
   *
   * @param headerLines every {@code Content-Digest} line of the request
   * @param algorithm the request's scheme
   * @return the entry, or empty when there is none for this hash
   * @throws IllegalArgumentException if the header is not a valid RFC 9530 dictionary, or the entry
   *     for this hash has the wrong length
   */
  public static Optional<ContentDigest> find(List<String> headerLines, Algorithm algorithm) {
    ContentDigest found = null;
    for (String line : headerLines) {
      for (String member : line.split(",", -1)) {
        String trimmed = HttpText.trimOws(member);
        Matcher m = MEMBER.matcher(trimmed);
        if (!m.matches()) {
          throw new IllegalArgumentException(
              "Content-Digest must be a list of algorithm=:base64: entries (RFC 9530)");
        }
        if (!m.group(1).equals(algorithm.contentDigestKey())) {
          continue;
        }
        byte[] bytes;
        try {
          bytes = Base64.getDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("Content-Digest is not valid base64");
        }
        if (bytes.length != algorithm.macBytes() || found != null) {
          throw new IllegalArgumentException(
              "Content-Digest must have one "
                  + algorithm.contentDigestKey()
                  + " entry of "
                  + algorithm.macBytes()
                  + " bytes");
        }
        found = new ContentDigest(algorithm, bytes);
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * The hash this digest was made with.
   *
   * @return the algorithm whose hash it is
   */
  public Algorithm algorithm() {
    return algorithm;
  }

  /**
   * The raw digest.
   *
   * @return a copy of the bytes
   */
  public byte[] digest() {
    return digest.clone();
  }

  /**
   * Compares with a computed digest in constant time.
   *
   * @param computed the digest of the bytes received
   * @return {@code true} if equal
   */
  public boolean matches(byte[] computed) {
    return java.security.MessageDigest.isEqual(digest, computed);
  }

  /**
   * Formats the header value.
   *
   * @return for example {@code sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:}
   */
  public String toHeaderValue() {
    return algorithm.contentDigestKey() + "=:" + Base64.getEncoder().encodeToString(digest) + ":";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ContentDigest other
        && other.algorithm == algorithm
        && Arrays.equals(other.digest, digest);
  }

  @Override
  public int hashCode() {
    return 31 * algorithm.hashCode() + Arrays.hashCode(digest);
  }

  @Override
  public String toString() {
    return toHeaderValue();
  }
}
