package dev.hmacsigned.cli.internal;

import dev.hmacsigned.core.Algorithm;
import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.SignedHeaders;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options {@code sign} and {@code curl} share: the key, and the request as curl would send it
 * (method, headers, body). Turns them into the signed headers.
 */
final class SigningOptions {
  /** What curl sends with {@code --data-binary} when no Content-Type is given. */
  static final String CURL_DEFAULT_CONTENT_TYPE = "application/x-www-form-urlencoded";

  @Option(
      names = "--keys",
      paramLabel = "FILE",
      description = "the keys file (protocol v1 §7.1) holding the key to sign with")
  Path keys;

  @Option(
      names = "--key-id",
      paramLabel = "ID",
      description = "the key to sign with (default with --keys: the only active key)")
  String keyId;

  @Option(
      names = "--secret-base64",
      paramLabel = "SECRET",
      description =
          "the secret itself, base64, with --key-id instead of --keys (other users of this"
              + " machine may see a command line: prefer --keys)")
  String secretBase64;

  @Option(
      names = "--algorithm",
      paramLabel = "ALGORITHM",
      description = "with --secret-base64: HMAC-SHA256 (default) or HMAC-SHA512")
  String algorithm;

  @Option(
      names = {"-X", "--request"},
      paramLabel = "METHOD",
      description = "the method (default: GET, or POST with a body)")
  String method;

  @Option(
      names = {"-H", "--header"},
      paramLabel = "'Name: value'",
      description = "a header the request is sent with, as curl takes it; repeatable")
  List<String> headers = new ArrayList<>();

  @Option(
      names = "--data",
      paramLabel = "TEXT",
      description = "the body: this text as UTF-8, byte for byte (no '@' file form)")
  String data;

  @Option(
      names = "--data-binary",
      paramLabel = "@FILE|TEXT",
      description = "the body: the exact bytes of FILE (@- reads standard input), or TEXT")
  String dataBinary;

  @Option(
      names = "--cover",
      split = ",",
      paramLabel = "NAME",
      description = "the headers to cover when present (default: host,content-type)")
  List<String> cover;

  @Option(
      names = "--debug",
      description =
          "print the canonical string signed and its fingerprint to standard error, line for"
              + " line as 'verify --explain' prints the server's")
  boolean debug;

  /** A request ready to send: what was signed and the headers to add. */
  record Signed(
      String method,
      URI uri,
      List<Header> headers,
      byte[] body,
      boolean hasBody,
      SignedHeaders signature) {}

  /**
   * A header as given with {@code -H}.
   *
   * @param line the argument as given, passed on to curl
   * @param name the name
   * @param value the value, or {@code null} for curl's {@code Name:} (remove the header)
   */
  record Header(String line, String name, String value) {}

  /**
   * Signs the request these options describe.
   *
   * @param url the URL as given
   * @param io standard streams (stdin for {@code --data-binary @-}, stderr for {@code --debug})
   * @param addCurlContentType whether a body without Content-Type gets curl's default one, which
   *     curl then sends (so that it is covered)
   */
  Signed sign(String url, Io io, boolean addCurlContentType) throws IOException {
    URI uri = uri(url);
    byte[] body = body(io);
    boolean hasBody = data != null || dataBinary != null;
    String m = method != null ? method : hasBody ? "POST" : "GET";
    if (!m.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
      throw new UsageException("-X must be an HTTP method such as GET or POST");
    }
    List<Header> given = new ArrayList<>();
    for (String line : headers) {
      given.add(header(line));
    }
    if (hasBody && addCurlContentType && given.stream().noneMatch(h -> is(h, "content-type"))) {
      given.add(
          new Header(
              "Content-Type: " + CURL_DEFAULT_CONTENT_TYPE,
              "Content-Type",
              CURL_DEFAULT_CONTENT_TYPE));
    }
    Map<String, List<String>> sent = new LinkedHashMap<>();
    for (Header h : given) {
      if (h.value() != null) {
        sent.computeIfAbsent(h.name(), n -> new ArrayList<>()).add(h.value());
      }
    }
    HmacSigner signer;
    try {
      HmacSigner.Builder builder = HmacSigner.builder(key());
      if (cover != null) {
        builder.coveredHeaders(cover);
      }
      signer = builder.build();
    } catch (HmacConfigurationException e) {
      throw new UsageException(e.getMessage());
    }
    SignedHeaders signature = signer.sign(m, uri, sent, body);
    if (debug) {
      io.err().println(signature.canonicalString().debugText());
      io.err().flush();
    }
    return new Signed(m, uri, given, body, hasBody, signature);
  }

  private static boolean is(Header h, String name) {
    return h.name().equalsIgnoreCase(name);
  }

  /** An absolute http(s) URL, with an explicit default port removed (curl does not send it). */
  private static URI uri(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new UsageException(
          "the URL is not valid: "
              + e.getReason()
              + " at index "
              + e.getIndex()
              + " (percent-encode spaces and other special characters)");
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getRawAuthority() == null
        || uri.getHost() == null) {
      throw new UsageException("the URL must be absolute, http:// or https:// with a host");
    }
    boolean defaultPort =
        (uri.getPort() == 80 && scheme.equalsIgnoreCase("http"))
            || (uri.getPort() == 443 && scheme.equalsIgnoreCase("https"));
    if (!defaultPort) {
      return uri;
    }
    String authority = uri.getRawAuthority();
    String target =
        scheme
            + "://"
            + authority.substring(0, authority.lastIndexOf(':'))
            + (uri.getRawPath() == null ? "" : uri.getRawPath())
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return URI.create(target);
  }

  private byte[] body(Io io) throws IOException {
    if (data != null && dataBinary != null) {
      throw new UsageException("give the body once: --data or --data-binary");
    }
    if (data != null) {
      if (data.startsWith("@")) {
        throw new UsageException(
            "--data takes the text itself; for the bytes of a file use --data-binary @FILE");
      }
      return data.getBytes(StandardCharsets.UTF_8);
    }
    if (dataBinary == null) {
      return new byte[0];
    }
    if (dataBinary.equals("@-")) {
      return io.in().readAllBytes();
    }
    if (dataBinary.startsWith("@")) {
      return Files.readAllBytes(Path.of(dataBinary.substring(1)));
    }
    return dataBinary.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A header as curl takes it: {@code Name: value}, {@code Name;} (empty), {@code Name:} (none).
   */
  private static Header header(String line) {
    int colon = line.indexOf(':');
    int semicolon = line.indexOf(';');
    String name;
    String value;
    if (colon > 0) {
      name = line.substring(0, colon);
      String rest = line.substring(colon + 1).strip();
      value = rest.isEmpty() ? null : rest;
    } else if (semicolon > 0 && semicolon == line.length() - 1) {
      name = line.substring(0, semicolon);
      value = "";
    } else {
      throw new UsageException("-H takes 'Name: value'");
    }
    if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
      throw new UsageException("-H: a header name is letters, digits and !#$%&'*+.^_`|~-");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("authorization") || lower.equals("content-digest")) {
      throw new UsageException("-H " + name + ": hmac-signed adds that header itself");
    }
    return new Header(line, name, value);
  }

  /** The key of {@code --keys} and {@code --key-id}, or of {@code --secret-base64}. */
  private HmacKey key() throws IOException {
    if ((keys == null) == (secretBase64 == null)) {
      throw new UsageException(
          "give the key with --keys FILE, or with --secret-base64 and --key-id");
    }
    if (secretBase64 != null) {
      if (keyId == null) {
        throw new UsageException("--secret-base64 needs --key-id");
      }
      byte[] secret;
      try {
        secret = Base64.getDecoder().decode(secretBase64.strip());
      } catch (IllegalArgumentException e) {
        throw new UsageException("--secret-base64 is not base64 (RFC 4648, standard alphabet)");
      }
      Algorithm alg =
          Algorithm.fromScheme(algorithm == null ? "HMAC-SHA256" : algorithm)
              .orElseThrow(
                  () -> new UsageException("--algorithm must be HMAC-SHA256 or HMAC-SHA512"));
      if (!HmacKey.isValidId(keyId)) {
        throw new UsageException("--key-id must be 1 to 128 characters of A-Z a-z 0-9 . _ ~ -");
      }
      return HmacKey.builder(keyId).secret(secret).algorithm(alg).build();
    }
    if (algorithm != null) {
      throw new UsageException("--algorithm goes with --secret-base64; a keys file names it");
    }
    KeyRing ring = Commands.readKeys(keys);
    Instant now = Instant.now();
    if (keyId != null) {
      HmacKey key =
          ring.find(keyId)
              .orElseThrow(
                  () -> new UsageException("no key '" + keyId + "' in " + keys + ": " + ring));
      if (!key.isUsableAt(now)) {
        throw new UsageException(
            "key '" + keyId + "' is revoked or past its not-after: a server would reject it");
      }
      return key;
    }
    List<HmacKey> usable = new ArrayList<>();
    for (HmacKey key : ring.keys()) {
      if (key.isUsableAt(now)) {
        usable.add(key);
      }
    }
    if (usable.size() != 1) {
      throw new UsageException(
          keys
              + " has "
              + (usable.isEmpty() ? "no active key" : usable.size() + " active keys")
              + " "
              + ring
              + ": choose one with --key-id");
    }
    return usable.get(0);
  }
}
