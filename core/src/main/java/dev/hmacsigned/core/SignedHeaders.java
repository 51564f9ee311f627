package dev.hmacsigned.core;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The headers a signer adds to a request: {@code Authorization} always, {@code Content-Digest} when
 * the body is not empty.
 *
 * <p>Security: {@link #toString()} leaves out the signature.
 */
public final class SignedHeaders {
  private final String authorization;
  private final Optional<String> contentDigest;

  SignedHeaders(String authorization, @Nullable String contentDigest) {
    this.authorization = Objects.requireNonNull(authorization, "authorization");
    this.contentDigest = Optional.ofNullable(contentDigest);
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

  @Override
  public String toString() {
    return "SignedHeaders[authorization=(redacted), contentDigest="
        + contentDigest.orElse("-")
        + "]";
  }
}
