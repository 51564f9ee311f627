package dev.hmacsigned.core;

import dev.hmacsigned.core.internal.HttpText;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
      int start = 0;
      while (true) {
        int comma = line.indexOf(',', start);
        int end = comma < 0 ? line.length() : comma;
        int memberStart = HttpText.trimStart(line, start, end);
        int memberEnd = HttpText.trimEnd(line, memberStart, end);
        int base64End = memberEnd - 1; // before the closing ':'
        int base64Start = base64Start(line, memberStart, memberEnd);
        if (base64Start < 0) {
          throw new IllegalArgumentException(
              "Content-Digest must be a list of algorithm=:base64: entries (RFC 9530)");
        }
        String key = algorithm.contentDigestKey();
        if (base64Start - 2 - memberStart == key.length() && line.startsWith(key, memberStart)) {
          byte[] bytes;
          try {
            bytes = Base64.getDecoder().decode(line.substring(base64Start, base64End));
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
        if (comma < 0) {
          break;
        }
        start = comma + 1;
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * Checks one dictionary member, {@code key=:base64:} with a key of {@code [a-z*][a-z0-9_.*-]*}
   * and base64 of {@code [A-Za-z0-9+/]*} and at most two {@code =} (RFC 8941 byte sequence, no
   * parameters), and finds where its base64 starts.
   *
   * @return the index of the base64's first character, or -1 if the member is not of that form
   */
  private static int base64Start(String line, int start, int end) {
    int i = start;
    if (i == end || !(isLowercase(line.charAt(i)) || line.charAt(i) == '*')) {
      return -1;
    }
    i++;
    while (i < end && isKeyCharacter(line.charAt(i))) {
      i++;
    }
    if (i + 2 > end || line.charAt(i) != '=' || line.charAt(i + 1) != ':') {
      return -1;
    }
    int base64 = i + 2;
    i = base64;
    while (i < end && isBase64Character(line.charAt(i))) {
      i++;
    }
    for (int padding = 0; padding < 2 && i < end && line.charAt(i) == '='; padding++) {
      i++;
    }
    return i == end - 1 && line.charAt(i) == ':' ? base64 : -1;
  }

  private static boolean isLowercase(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isKeyCharacter(char c) {
    return isLowercase(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '*' || c == '-';
  }

  private static boolean isBase64Character(char c) {
    return (c >= 'A' && c <= 'Z')
        || isLowercase(c)
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/';
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
   * The raw digest itself, not copied, for a caller that only reads it.
   *
   * @return the bytes; must not be modified
   */
  byte[] digestBytes() {
    return digest;
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
