package dev.hmacsigned.benchmarks;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * A hand-written signer of protocol v1 with the JDK alone: the floor of the signing benchmark. A
 * {@link Mac} and a {@link MessageDigest} initialized once and reused by the one thread that owns
 * this signer, the canonical bytes written directly ({@link RawCanonical}), a fresh nonce of 16
 * bytes from {@link SecureRandom}, the headers formatted with a {@link StringBuilder}.
 *
 * <p>Not thread-safe: one per thread.
 */
final class RawSigner {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder NONCE = Base64.getUrlEncoder().withoutPadding();

  private final String keyId;
  private final Mac mac;
  private final MessageDigest sha256;
  private final RawCanonical canonical = new RawCanonical();

  RawSigner(String keyId, byte[] secret) throws GeneralSecurityException {
    this.keyId = keyId;
    this.mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    this.sha256 = MessageDigest.getInstance("SHA-256");
  }

  /** What a signature adds to a request. */
  record Signed(String authorization, @Nullable String contentDigest) {}

  /**
   * Signs a request covering {@code host} and, when it has one, {@code content-type}.
   *
   * @param contentType the request's {@code Content-Type}, or {@code null}
   * @return the headers to send
   */
  Signed sign(
      String method,
      String rawPath,
      @Nullable String rawQuery,
      String host,
      @Nullable String contentType,
      byte[] body) {
    long timestamp = System.currentTimeMillis() / 1000;
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    String nonce = NONCE.encodeToString(random);
    byte[] digest = sha256.digest(body);
    canonical.write(
        "HMAC-SHA256",
        keyId,
        timestamp,
        nonce,
        method,
        rawPath,
        rawQuery,
        host,
        contentType,
        digest);
    mac.update(canonical.bytes(), 0, canonical.length());
    byte[] signature = mac.doFinal();
    StringBuilder authorization = new StringBuilder(200);
    authorization
        .append("HMAC-SHA256 keyId=\"")
        .append(keyId)
        .append("\", timestamp=\"")
        .append(timestamp)
        .append("\", nonce=\"")
        .append(nonce)
        .append("\", headers=\"")
        .append(contentType == null ? "host" : "host;content-type")
        .append("\", signature=\"");
    for (byte b : signature) {
      authorization.append(Character.forDigit((b >> 4) & 0xf, 16));
      authorization.append(Character.forDigit(b & 0xf, 16));
    }
    authorization.append('"');
    String contentDigest =
        body.length == 0 ? null : "sha-256=:" + Base64.getEncoder().encodeToString(digest) + ":";
    return new Signed(authorization.toString(), contentDigest);
  }
}
