package dev.hmacsigned.core;

import java.util.Optional;

/**
 * The headers a signer adds to a request.
 *
 * <p>Security: {@link #toString()} leaves out the signature.
 *
 * @param authorization the {@code Authorization} value
 * @param contentDigest the {@code Content-Digest} value, {@code null} for an empty body
 */
public record SignedHeaders(String authorization, String contentDigest) {

  /**
   * The {@code Content-Digest} value, sent whenever the body is not empty.
   *
   * @return the value, or empty for an empty body
   */
  public Optional<String> contentDigestHeader() {
    return Optional.ofNullable(contentDigest);
  }

  @Override
  public String toString() {
    return "SignedHeaders[authorization=(redacted), contentDigest=" + contentDigest + "]";
  }
}
