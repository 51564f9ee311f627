package dev.hmacsigned.core;

import dev.hmacsigned.core.internal.Hex;
import dev.hmacsigned.core.internal.Utf8Builder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The canonical string of a request (protocol v1 §3), shown to find out why a signature is
 * rejected: a signer and a verifier that disagree compute two different canonical strings, and the
 * lines that differ say why (a proxy that re-encoded the query, a header that changed on the way).
 *
 * <p>Every tool shows it the same way, so that two outputs can be compared with {@code diff}: the
 * client feature's debug log ({@code hmac.client.debug}), the reference clients' {@code --debug},
 * and the command line's {@code sign --debug} and {@code verify --explain}. {@link #debugText()} is
 * that form:
 *
 * <pre>
 * fingerprint: 3f2a9c0d1e4b
 * scheme: HMAC-SHA256
 * key-id: orders-2026-11
 * timestamp: 1763900000
 * nonce: Zk3x9QwPZ0m1yT7bq2V8sA
 * method: GET
 * path: /api/items/42
 * query: q=hello%20world
 * headers: host
 * header: host:api.example.com
 * body-digest: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
 * </pre>
 *
 * <p>One line per line of the canonical string, labelled by its place: {@code scheme}, {@code
 * key-id}, {@code timestamp}, {@code nonce}, {@code method}, {@code path}, {@code query}, {@code
 * headers}, one {@code header} per covered header, {@code body-digest}. A label is followed by
 * {@code ": "} and the line, or by {@code ":"} alone when the line is empty. The first line is the
 * {@link #fingerprint()}.
 *
 * <p>The fingerprint is the first 12 hex digits of the SHA-256 of the canonical string's UTF-8
 * bytes, whatever the signature's algorithm. A server logs the fingerprint of the canonical string
 * it computed with each {@link RejectionReason#SIGNATURE_MISMATCH}, so that an operator compares it
 * with the fingerprint a client shows without either side showing more.
 *
 * <p>Security: a canonical string holds no secret (everything in it travels with the request, the
 * body as its hash), and its fingerprint even less. Still, the string shows what a request was
 * about: show it when debugging, never log it by default. {@link #toString()} gives only the
 * fingerprint.
 */
public final class CanonicalString {
  private static final List<String> LABELS =
      List.of("scheme", "key-id", "timestamp", "nonce", "method", "path", "query", "headers");
  private static final int FINGERPRINT_HEX_DIGITS = 12;

  // One of the two is set at first: a signer hands over the bytes it MACed, and the text is decoded
  // from them only if someone asks (a debug log, a tool); other callers give the text.
  private @Nullable String text;
  private final byte @Nullable [] utf8;
  private final int utf8Length;

  CanonicalString(String text) {
    this.text = text;
    this.utf8 = null;
    this.utf8Length = 0;
  }

  /** Takes over the builder's bytes: the builder is not written to again. */
  CanonicalString(Utf8Builder bytes) {
    this.utf8 = bytes.array();
    this.utf8Length = bytes.length();
  }

  /**
   * The canonical string a verifier computes for a request, from the request's {@code
   * Authorization} and {@code Content-Digest} headers (the body itself is not read: the canonical
   * string carries the digest the request claims). This is what {@code hmac-signed verify
   * --explain} prints.
   *
   * @param request a signed request
   * @return the canonical string
   * @throws IllegalArgumentException if the request has no canonical string: it has not exactly one
   *     {@code Authorization} header of protocol v1, that header or {@code Content-Digest} is
   *     malformed, or a covered header is absent or not visible ASCII. The message is log-safe.
   */
  public static CanonicalString of(RequestView request) {
    List<String> authorization = request.headers("authorization");
    if (authorization.size() != 1) {
      throw new IllegalArgumentException(
          authorization.isEmpty()
              ? "the request has no Authorization header"
              : "the request has more than one Authorization header");
    }
    SignatureParameters parameters = SignatureParameters.parse(authorization.get(0));
    Optional<ContentDigest> claimed =
        ContentDigest.find(request.headers("content-digest"), parameters.algorithm());
    byte[] digest =
        claimed.isPresent() ? claimed.get().digest() : parameters.algorithm().newDigest().digest();
    return new CanonicalString(CanonicalRequest.of(parameters, request, Hex.encode(digest)));
  }

  /**
   * The canonical string itself: lines joined by {@code \n}, no trailing newline; the MAC is
   * computed over its UTF-8 bytes.
   *
   * @return the text
   */
  public String text() {
    String decoded = text;
    if (decoded == null) {
      // A benign race: every thread decodes the same bytes into an equal string.
      decoded = new String(Objects.requireNonNull(utf8), 0, utf8Length, StandardCharsets.UTF_8);
      text = decoded;
    }
    return decoded;
  }

  /**
   * The lines of the canonical string, empty lines included.
   *
   * @return an immutable list of at least nine lines
   */
  public List<String> lines() {
    return List.of(text().split("\n", -1));
  }

  /**
   * The first 12 lowercase hex digits of the SHA-256 of the canonical string's UTF-8 bytes.
   *
   * @return for example {@code 3f2a9c0d1e4b}
   */
  public String fingerprint() {
    return fingerprintOf(text());
  }

  /**
   * The canonical string as every hmac-signed tool shows it, one labelled line per line, the
   * fingerprint first (see the class description).
   *
   * @return lines joined by {@code \n}, no trailing newline
   */
  public String debugText() {
    List<String> lines = lines();
    List<String> out = new ArrayList<>(lines.size() + 1);
    out.add("fingerprint: " + fingerprint());
    for (int i = 0; i < lines.size(); i++) {
      String label;
      if (i < LABELS.size() && i < lines.size() - 1) {
        label = LABELS.get(i);
      } else if (i == lines.size() - 1) {
        label = "body-digest";
      } else {
        label = "header";
      }
      String line = lines.get(i);
      out.add(line.isEmpty() ? label + ":" : label + ": " + line);
    }
    return String.join("\n", out);
  }

  /**
   * The fingerprint of a canonical string's text.
   *
   * @param canonical the text
   * @return 12 lowercase hex digits
   */
  static String fingerprintOf(String canonical) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    return Hex.encode(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8)))
        .substring(0, FINGERPRINT_HEX_DIGITS);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CanonicalString c && c.text().equals(text());
  }

  @Override
  public int hashCode() {
    return text().hashCode();
  }

  /** Only the fingerprint: the text is shown by {@link #text()} and {@link #debugText()} alone. */
  @Override
  public String toString() {
    return "CanonicalString[fingerprint=" + fingerprint() + "]";
  }
}
