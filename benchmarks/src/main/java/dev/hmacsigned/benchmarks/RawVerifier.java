package dev.hmacsigned.benchmarks;

import dev.hmacsigned.core.RequestView;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * A hand-written verifier of protocol v1 with the JDK alone: the floor of the verification
 * benchmark. It parses the {@code Authorization} header by scanning it once, checks the clock
 * window, looks the key up, rebuilds the canonical bytes ({@link RawCanonical}), computes the MAC
 * with a {@link Mac} initialized once for this thread, compares it in constant time, reads and
 * hashes the body against {@code Content-Digest}, and records the nonce with {@link
 * ConcurrentHashMap#putIfAbsent}. It covers what the benchmarks' requests carry (one key, {@code
 * HMAC-SHA256}, {@code host} and {@code content-type}); anything else is refused.
 *
 * <p>Not thread-safe: one per thread (the nonce map may be shared).
 */
final class RawVerifier {
  private static final long SKEW_SECONDS = 300;
  private static final long MAX_BODY_BYTES = 10L * 1024 * 1024;
  private static final Pattern TIMESTAMP = Pattern.compile("0|[1-9][0-9]{0,11}");
  private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,128}");
  private static final Pattern SIGNATURE = Pattern.compile("[0-9a-f]{64}");

  private final String keyId;
  private final Mac mac;
  private final MessageDigest sha256;
  private final byte[] emptyDigest;
  private final RawCanonical canonical = new RawCanonical();
  private final LongSupplier epochSeconds;
  private ConcurrentHashMap<String, Long> nonces = new ConcurrentHashMap<>();

  RawVerifier(String keyId, byte[] secret) throws GeneralSecurityException {
    this(keyId, secret, () -> System.currentTimeMillis() / 1000);
  }

  /** A verifier on a given clock, in Unix seconds. */
  RawVerifier(String keyId, byte[] secret, LongSupplier epochSeconds)
      throws GeneralSecurityException {
    this.keyId = keyId;
    this.epochSeconds = epochSeconds;
    this.mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    this.sha256 = MessageDigest.getInstance("SHA-256");
    this.emptyDigest = sha256.digest();
  }

  /** Forgets every nonce, as a new server would. */
  void clearNonces() {
    nonces = new ConcurrentHashMap<>();
  }

  /**
   * Verifies a request.
   *
   * @return the body, or {@code null} when the request is rejected
   */
  byte @Nullable [] verify(RequestView request) throws IOException {
    List<String> authorizations = request.headers("authorization");
    if (authorizations.size() != 1) {
      return null;
    }
    String header = authorizations.get(0);
    if (!header.startsWith("HMAC-SHA256 ") || header.length() > 8192) {
      return null;
    }
    String id = null;
    String timestamp = null;
    String nonce = null;
    String covered = null;
    String signature = null;
    int i = "HMAC-SHA256 ".length();
    while (i < header.length()) {
      int eq = header.indexOf('=', i);
      if (eq < 0 || eq + 1 >= header.length() || header.charAt(eq + 1) != '"') {
        return null;
      }
      int close = header.indexOf('"', eq + 2);
      if (close < 0) {
        return null;
      }
      String value = header.substring(eq + 2, close);
      switch (header.substring(i, eq)) {
        case "keyId" -> id = id == null ? value : "";
        case "timestamp" -> timestamp = timestamp == null ? value : "";
        case "nonce" -> nonce = nonce == null ? value : "";
        case "headers" -> covered = covered == null ? value : "";
        case "signature" -> signature = signature == null ? value : "";
        default -> {
          return null;
        }
      }
      i = close + 1;
      if (header.startsWith(", ", i)) {
        i += 2;
      } else if (i != header.length()) {
        return null;
      }
    }
    if (id == null
        || timestamp == null
        || nonce == null
        || covered == null
        || signature == null
        || !TIMESTAMP.matcher(timestamp).matches()
        || !NONCE.matcher(nonce).matches()
        || !SIGNATURE.matcher(signature).matches()
        || !(covered.equals("host") || covered.equals("host;content-type"))) {
      return null;
    }
    long time = Long.parseLong(timestamp);
    if (Math.abs(epochSeconds.getAsLong() - time) > SKEW_SECONDS || !id.equals(keyId)) {
      return null;
    }
    List<String> hosts = request.headers("host");
    List<String> contentTypes = request.headers("content-type");
    boolean coversContentType = covered.length() > "host".length();
    if (hosts.size() != 1 || (coversContentType && contentTypes.size() != 1)) {
      return null;
    }
    byte[] claimed = null;
    List<String> digests = request.headers("content-digest");
    if (digests.size() == 1) {
      String d = digests.get(0);
      if (!d.startsWith("sha-256=:") || !d.endsWith(":")) {
        return null;
      }
      claimed = Base64.getDecoder().decode(d.substring(9, d.length() - 1));
      if (claimed.length != 32) {
        return null;
      }
    } else if (!digests.isEmpty()) {
      return null;
    }
    canonical.write(
        "HMAC-SHA256",
        id,
        time,
        nonce,
        request.method(),
        request.rawPath(),
        request.rawQuery(),
        hosts.get(0),
        coversContentType ? contentTypes.get(0) : null,
        claimed == null ? emptyDigest : claimed);
    mac.update(canonical.bytes(), 0, canonical.length());
    byte[] expected = mac.doFinal();
    byte[] given = new byte[32];
    for (int b = 0; b < 32; b++) {
      given[b] = (byte) Integer.parseInt(signature, 2 * b, 2 * b + 2, 16);
    }
    if (!MessageDigest.isEqual(expected, given)) {
      return null;
    }
    byte[] body;
    try (InputStream in = request.body()) {
      body = claimed == null ? new byte[0] : in.readNBytes((int) MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES || (claimed == null && in.read() != -1)) {
        return null;
      }
    }
    if (claimed != null && !MessageDigest.isEqual(claimed, sha256.digest(body))) {
      return null;
    }
    if (nonces.putIfAbsent(id + ' ' + nonce, time + SKEW_SECONDS + 1) != null) {
      return null;
    }
    return body;
  }
}
