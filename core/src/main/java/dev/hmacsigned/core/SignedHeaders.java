package dev.hmacsigned.core;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The headers a signer adds to a request: {@code Authorization} always, {@code Content-Digest} when
 * the body is not empty.
 *
 * <p>Security: {@link #toString()} leaves out the signature and the canonical string.
 */
public final class SignedHeaders {
  private final String authorization;
  private final Optional<String> contentDigest;
  private final CanonicalString canonicalString;

  SignedHeaders(
      String authorization, @Nullable String contentDigest, CanonicalString canonicalString) {
    this.authorization = Objects.requireNonNull(authorization, "authorization");
    this.contentDigest = Optional.ofNullable(contentDigest);
    this.canonicalString = Objects.requireNonNull(canonicalString, "canonicalString");
  }

  /**
   * The {@code Authorization} value.
   *
   * @return the value
   */
  public String authorization() {
    return authorization;
  }

  /**
   * The {@code Content-Digest} value, sent whenever the body is not empty.
   *
   * @return the value, or empty for an empty body
   */
  public Optional<String> contentDigestHeader() {
    return contentDigest;
  }

  /**
   * The canonical string that was signed, to compare with what a server computed when it rejects
   * the signature ({@link CanonicalString#debugText()}, {@link CanonicalString#fingerprint()}). For
   * debugging: do not log it by default.
   *
   * @return the canonical string
   */
  public CanonicalString canonicalString() {
    return canonicalString;
  }

  @Override
  public String toString() {
    return "SignedHeaders[authorization=(redacted), contentDigest="
        + contentDigest.orElse("-")
        + "]";
  }
}
