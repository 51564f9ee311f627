package dev.hmacsigned.it.attack;

import static dev.hmacsigned.it.attack.AttackSigning.body;
import static dev.hmacsigned.it.attack.AttackSigning.contentDigest;
import static dev.hmacsigned.it.attack.AttackSigning.flipped;
import static dev.hmacsigned.it.attack.AttackSigning.format;
import static dev.hmacsigned.it.attack.AttackSigning.parameters;
import static dev.hmacsigned.it.attack.AttackSigning.scheme;
import static dev.hmacsigned.it.attack.AttackSigning.signer;
import static dev.hmacsigned.it.attack.AttackSigning.withParameter;

import dev.hmacsigned.core.Algorithm;
import dev.hmacsigned.it.ContractKeys;
import dev.hmacsigned.it.attack.Attack.Category;
import dev.hmacsigned.it.attack.AttackTarget.Role;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The attack suite of issue 11, as data: hostile requests against a server that knows the
 * contract's keys ({@link ContractKeys}), each with the answer protocol v1 documents for it. Most
 * start from a request correctly signed with {@link ContractKeys#ORDERS} ({@code host}, {@code
 * content-type} and {@code x-tenant} covered) and change one thing on the wire; a few are spellings
 * the protocol treats as the same request, which must be accepted with the body intact.
 *
 * <p>Nothing here knows a server: the endpoints, the body limit and the container's own answers
 * come from the {@link AttackTarget}.
 */
public final class AttackCorpus {
  private static final ContractKeys.Key KEY = ContractKeys.ORDERS;

  private static final Expected ACCEPTED = new Expected.Accepted();
  private static final Expected.Rejected MISSING = new Expected.Rejected(401, "missing_signature");
  private static final Expected.Rejected MALFORMED =
      new Expected.Rejected(401, "malformed_signature");
  private static final Expected.Rejected INVALID = new Expected.Rejected(401, "invalid_signature");
  private static final Expected.Rejected STALE = new Expected.Rejected(401, "stale_timestamp");
  private static final Expected.Rejected REPLAYED = new Expected.Rejected(401, "replayed_nonce");
  private static final Expected.Rejected TOO_LARGE = new Expected.Rejected(413, "body_too_large");

  private static final List<Attack> ATTACKS = build();

  /** Random bodies of a given size, made once per JVM: the limit's bodies are large. */
  private static final Map<Long, byte[]> BULK = new ConcurrentHashMap<>();

  private AttackCorpus() {}

  /**
   * Every attack, in a fixed order.
   *
   * @return the attacks
   */
  public static List<Attack> all() {
    return ATTACKS;
  }

  /**
   * The attack of a name.
   *
   * @param name the name
   * @return the attack
   * @throws IllegalArgumentException if there is none
   */
  public static Attack named(String name) {
    return ATTACKS.stream()
        .filter(a -> a.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no attack is named " + name));
  }

  private static List<Attack> build() {
    List<Attack> a = new ArrayList<>();
    authorization(a);
    window(a);
    nonce(a);
    bodies(a);
    contentDigests(a);
    slowBody(a);
    expectContinue(a);
    method(a);
    path(a);
    query(a);
    coveredHeaders(a);
    if (a.stream().map(Attack::name).distinct().count() != a.size()) {
      throw new IllegalStateException("two attacks have the same name");
    }
    return List.copyOf(a);
  }

  // ---------------------------------------------------------------- Authorization

  private static void authorization(List<Attack> a) {
    Category c = Category.AUTHORIZATION;
    a.add(one(c, "auth-missing", "no Authorization", drop("Authorization"), MISSING));
    a.add(one(c, "auth-bearer", "a Bearer token instead", auth(s -> "Bearer abc.def"), MISSING));
    a.add(one(c, "auth-empty", "an empty Authorization", auth(s -> ""), MISSING));
    a.add(
        one(
            c,
            "auth-scheme-lowercase",
            "hmac-sha256: the scheme is case-sensitive",
            auth(s -> "hmac-sha256" + s.substring("HMAC-SHA256".length())),
            MALFORMED));
    a.add(
        one(
            c,
            "auth-scheme-sha1",
            "HMAC-SHA1: no such algorithm",
            auth(s -> "HMAC-SHA1" + s.substring("HMAC-SHA256".length())),
            MALFORMED));
    a.add(
        one(
            c,
            "auth-scheme-only",
            "the scheme, no parameters",
            auth(s -> "HMAC-SHA256"),
            MALFORMED));
    a.add(
        one(
            c,
            "auth-parameter-repeated",
            "nonce twice, same value",
            auth(s -> s + ", nonce=\"" + parameters(s).get("nonce") + "\""),
            MALFORMED));
    a.add(
        one(
            c,
            "auth-parameter-missing",
            "no headers parameter",
            auth(s -> without(s, "headers")),
            MALFORMED));
    a.add(
        one(
            c,
            "auth-parameter-unknown",
            "a sixth parameter, realm",
            auth(s -> s + ", realm=\"api\""),
            MALFORMED));
    a.add(
        one(
            c,
            "auth-parameter-name-case",
            "keyid instead of keyId",
            auth(s -> s.replace("keyId=", "keyid=")),
            MALFORMED));
    a.add(
        one(
            c,
            "auth-values-unquoted",
            "no double quotes",
            auth(s -> s.replace("\"", "")),
            MALFORMED));
    a.add(
        one(
            c,
            "auth-parameters-reordered",
            "the five parameters in reverse order: any order is allowed",
            auth(
                s -> {
                  List<Map.Entry<String, String>> list = new ArrayList<>(parameters(s).entrySet());
                  Collections.reverse(list);
                  Map<String, String> reversed = new LinkedHashMap<>();
                  list.forEach(e -> reversed.put(e.getKey(), e.getValue()));
                  return format(scheme(s), reversed, ", ");
                }),
            ACCEPTED));
    a.add(
        one(
            c,
            "auth-spaces-around-commas",
            "spaces on both sides of each comma and around the value: allowed",
            auth(s -> "  " + format(scheme(s), parameters(s), "   ,   ") + "  "),
            ACCEPTED));
    a.add(
        one(
            c,
            "auth-tab-after-comma",
            "a tab after a comma: only spaces may surround it",
            auth(s -> format(scheme(s), parameters(s), ",\t")),
            MALFORMED));
    a.add(
        one(
            c,
            "auth-trailing-comma",
            "a comma after the last parameter",
            auth(s -> s + ","),
            MALFORMED));
    a.add(
        one(
            c,
            "auth-two-headers",
            "the valid Authorization twice",
            (t, now) -> {
              Wire w = echo(t, now, "auth-two-headers");
              return List.of(w.header("Authorization", w.header("Authorization")));
            },
            MALFORMED));
    a.add(
        one(
            c,
            "auth-bearer-and-hmac",
            "a Bearer token before the valid Authorization",
            (t, now) -> {
              Wire w = echo(t, now, "auth-bearer-and-hmac");
              String valid = w.header("Authorization");
              return List.of(
                  w.removeHeader("Authorization")
                      .header("Authorization", "Bearer abc")
                      .header("Authorization", valid));
            },
            MALFORMED));
    a.add(
        one(
            c,
            "auth-over-8KiB",
            "the valid Authorization padded past 8192 bytes with an unknown parameter",
            auth(s -> s + ", x=\"" + "a".repeat(8200) + "\""),
            MALFORMED));
    a.add(
        one(
            c,
            "auth-bearer-over-8KiB",
            "a Bearer token of 8200 bytes: not this protocol's, whatever its length",
            auth(s -> "Bearer " + "a".repeat(8200)),
            MISSING));
    a.add(
        one(
            c,
            "auth-keyid-not-ascii",
            "a key id in Cyrillic, sent as UTF-8",
            auth(s -> withParameter(s, "keyId", "ключ-2026")),
            MALFORMED));
    a.add(
        one(
            c,
            "auth-signature-uppercase",
            "the correct MAC in uppercase hex",
            auth(s -> withParameter(s, "signature", sig(s).toUpperCase(Locale.ROOT))),
            MALFORMED));
    a.add(
        one(
            c,
            "auth-signature-short",
            "63 hex digits",
            auth(s -> withParameter(s, "signature", sig(s).substring(1))),
            MALFORMED));
    a.add(
        one(
            c,
            "auth-signature-flipped",
            "one hex digit of the MAC changed",
            auth(s -> withParameter(s, "signature", flipHex(sig(s)))),
            INVALID));
    a.add(
        one(
            c,
            "auth-timestamp-leading-zero",
            "the timestamp with a leading 0",
            auth(s -> withParameter(s, "timestamp", "0" + parameters(s).get("timestamp"))),
            MALFORMED));
    a.add(
        one(
            c,
            "auth-timestamp-signed",
            "the timestamp with a + sign",
            auth(s -> withParameter(s, "timestamp", "+" + parameters(s).get("timestamp"))),
            MALFORMED));
    a.add(
        one(
            c,
            "auth-timestamp-13-digits",
            "a timestamp of 13 digits (milliseconds)",
            auth(s -> withParameter(s, "timestamp", parameters(s).get("timestamp") + "000")),
            MALFORMED));
    a.add(
        one(
            c,
            "auth-nonce-short",
            "a nonce of 15 characters",
            auth(s -> withParameter(s, "nonce", parameters(s).get("nonce").substring(0, 15))),
            MALFORMED));
    a.add(
        one(
            c,
            "auth-nonce-standard-base64",
            "a nonce with + and / (standard base64)",
            auth(s -> withParameter(s, "nonce", "ab+/" + parameters(s).get("nonce"))),
            MALFORMED));
    a.add(
        one(
            c,
            "auth-headers-uppercase",
            "covered header names in their usual case",
            auth(s -> withParameter(s, "headers", "Host;Content-Type;X-Tenant")),
            MALFORMED));
    a.add(
        one(
            c,
            "auth-headers-authorization",
            "authorization among the covered headers",
            auth(s -> withParameter(s, "headers", parameters(s).get("headers") + ";authorization")),
            MALFORMED));
    a.add(
        one(
            c,
            "auth-escaped-quote",
            "a backslash-escaped quote in a value",
            auth(s -> s.replace("keyId=\"", "keyId=\"x\\\"")),
            MALFORMED));
    a.add(
        one(
            c,
            "auth-unknown-key",
            "signed with a key the server does not know",
            (t, now) ->
                List.of(
                    base(t, Role.ECHO, "POST", body("auth-unknown-key"))
                        .signedWith(signer(ContractKeys.stranger("attack-stranger"), now))),
            INVALID));
    a.add(
        one(
            c,
            "auth-revoked-key",
            "signed with a revoked key",
            (t, now) ->
                List.of(
                    base(t, Role.ECHO, "POST", body("auth-revoked-key"))
                        .signedWith(signer(ContractKeys.REVOKED, now))),
            INVALID));
    a.add(
        one(
            c,
            "auth-algorithm-downgrade",
            "the HMAC-SHA512 key's secret used under HMAC-SHA256",
            (t, now) ->
                List.of(
                    base(t, Role.ECHO, "POST", body("auth-algorithm-downgrade"))
                        .signedWith(signer(downgraded(), now))),
            INVALID));
  }

  // ---------------------------------------------------------------- the clock window

  private static void window(List<Attack> a) {
    Category c = Category.WINDOW;
    for (int sign : new int[] {-1, 1}) {
      for (int delta : new int[] {-1, 0, 1}) {
        // now - skew - 1 and now + skew + 1 are outside; the other four inside
        boolean inside = sign * delta <= 0;
        String name =
            "window-"
                + (sign < 0 ? "minus" : "plus")
                + "-skew"
                + (delta == 0 ? "" : delta < 0 ? "-minus-1" : "-plus-1");
        a.add(
            new Attack(
                c,
                name,
                "timestamp now "
                    + (sign < 0 ? "- skew" : "+ skew")
                    + (delta == 0 ? "" : delta < 0 ? " - 1 s" : " + 1 s"),
                (t, now) ->
                    List.of(echo(t, now.plusSeconds((long) sign * t.skewSeconds() + delta), name)),
                inside ? ACCEPTED : STALE,
                true));
      }
    }
    a.add(
        one(
            c,
            "window-epoch",
            "timestamp 0",
            (t, now) -> List.of(echo(t, Instant.EPOCH, "window-epoch")),
            STALE));
    a.add(
        one(
            c,
            "window-far-future",
            "timestamp 999999999999, the largest allowed",
            (t, now) -> List.of(echo(t, Instant.ofEpochSecond(999_999_999_999L), "window-far")),
            STALE));
  }

  // ---------------------------------------------------------------- nonces

  private static void nonce(List<Attack> a) {
    Category c = Category.NONCE;
    a.add(
        new Attack(
            c,
            "replay-in-turn",
            "one signed request sent twice",
            (t, now) -> {
              Wire w = echo(t, now, "replay-in-turn");
              return List.of(w, w.copy());
            },
            new Expected.InOrder(List.of(ACCEPTED, REPLAYED)),
            false));
    a.add(
        race(
            c,
            "replay-raced-2",
            "one signed request on 2 connections at once",
            (t, now) -> copies(echo(t, now, "replay-raced-2"), 2)));
    a.add(
        race(
            c,
            "replay-raced-8",
            "one signed request on 8 connections at once",
            (t, now) -> copies(echo(t, now, "replay-raced-8"), 8)));
    a.add(
        race(
            c,
            "nonce-raced-two-endpoints",
            "two requests to two signed endpoints, each correctly signed, one nonce, at once",
            (t, now) -> {
              String nonce = AttackSigning.freshNonce();
              long ts = now.getEpochSecond();
              return List.of(
                  AttackSigning.signWithNonce(
                      base(t, Role.ECHO, "POST", body("nonce-echo")), KEY, ts, nonce),
                  AttackSigning.signWithNonce(
                      base(t, Role.OTHER, "POST", body("nonce-other")), KEY, ts, nonce));
            }));
    a.add(
        race(
            c,
            "nonce-raced-get-and-post",
            "a GET and a POST to two endpoints, each correctly signed, one nonce, at once",
            (t, now) -> {
              String nonce = AttackSigning.freshNonce();
              long ts = now.getEpochSecond();
              return List.of(
                  AttackSigning.signWithNonce(base(t, Role.GET, "GET", null), KEY, ts, nonce),
                  AttackSigning.signWithNonce(
                      base(t, Role.ECHO, "POST", body("nonce-post")), KEY, ts, nonce));
            }));
    a.add(
        new Attack(
            c,
            "nonce-not-burnt-by-tampered-copy",
            "a tampered copy first (rejected), then the original: a rejection records no nonce",
            (t, now) -> {
              Wire original = echo(t, now, "nonce-burn");
              return List.of(original.copy().body(flipped(original.body())), original);
            },
            new Expected.InOrder(List.of(INVALID, ACCEPTED)),
            false));
    a.add(
        new Attack(
            c,
            "replay-with-other-body",
            "the original, then its headers with another body: the MAC fails before the nonce",
            (t, now) -> {
              Wire original = echo(t, now, "replay-other-body");
              return List.of(original, original.copy().body(flipped(original.body())));
            },
            new Expected.InOrder(List.of(ACCEPTED, INVALID)),
            false));
  }

  // ---------------------------------------------------------------- bodies

  private static void bodies(List<Attack> a) {
    Category c = Category.BODY;
    a.add(
        one(
            c,
            "body-at-limit",
            "a body of exactly the limit, with Content-Length",
            (t, now) -> List.of(bulk(t, now, t.maxBodyBytes())),
            ACCEPTED));
    a.add(
        one(
            c,
            "body-over-limit",
            "a body one byte over the limit, with Content-Length",
            (t, now) -> List.of(bulk(t, now, t.maxBodyBytes() + 1)),
            TOO_LARGE));
    a.add(
        one(
            c,
            "body-at-limit-chunked",
            "a body of exactly the limit, chunked (64 KiB chunks)",
            (t, now) -> List.of(bulk(t, now, t.maxBodyBytes()).chunked(64 * 1024)),
            ACCEPTED));
    a.add(
        one(
            c,
            "body-over-limit-chunked",
            "a body one byte over the limit, chunked",
            (t, now) -> List.of(bulk(t, now, t.maxBodyBytes() + 1).chunked(64 * 1024)),
            TOO_LARGE));
    a.add(
        one(
            c,
            "body-chunked-odd-sizes",
            "a small body in 7-byte chunks",
            (t, now) -> List.of(echo(t, now, "body-chunked").chunked(7)),
            ACCEPTED));
    a.add(
        one(
            c,
            "body-chunked-tampered",
            "a chunked body with one bit flipped",
            (t, now) -> {
              Wire w = echo(t, now, "body-chunked-tampered").chunked(7);
              return List.of(w.body(flipped(w.body())));
            },
            INVALID));
    a.add(
        one(
            c,
            "body-chunked-without-digest",
            "a chunked body without Content-Digest",
            (t, now) ->
                List.of(
                    echo(t, now, "body-chunked-no-digest")
                        .chunked(7)
                        .removeHeader("Content-Digest")),
            MALFORMED));
    a.add(
        one(
            c,
            "body-without-digest",
            "a body announced by Content-Length without Content-Digest",
            (t, now) -> List.of(echo(t, now, "body-no-digest").removeHeader("Content-Digest")),
            MALFORMED));
    a.add(
        one(
            c,
            "body-length-and-chunked",
            "Content-Length and Transfer-Encoding: chunked together (request smuggling): the"
                + " chunked framing counts (RFC 9112 §6.3)",
            (t, now) -> List.of(echo(t, now, "body-smuggled").chunked(5).withContentLengthToo()),
            ACCEPTED));
    a.add(
        one(
            c,
            "body-cut-short",
            "half the announced body, then the client stops sending",
            (t, now) -> {
              Wire w = echo(t, now, "body-cut-short");
              return List.of(w.truncatedTo(w.body().length / 2));
            },
            new Expected.RejectedOrClosed(INVALID)));
  }

  // ---------------------------------------------------------------- Content-Digest

  private static void contentDigests(List<Attack> a) {
    Category c = Category.CONTENT_DIGEST;
    a.add(
        one(
            c,
            "digest-of-other-body",
            "Content-Digest of another body, the body unchanged",
            digest(
                w ->
                    w.replaceHeader("Content-Digest", contentDigest(flipped(w.body()), "sha-256"))),
            INVALID));
    a.add(
        one(
            c,
            "digest-repeated",
            "the valid Content-Digest twice",
            digest(w -> w.header("Content-Digest", w.header("Content-Digest"))),
            MALFORMED));
    a.add(
        one(
            c,
            "digest-other-algorithm-only",
            "a correct sha-512 digest instead of the scheme's sha-256: as if there were none",
            digest(w -> w.replaceHeader("Content-Digest", contentDigest(w.body(), "sha-512"))),
            MALFORMED));
    a.add(
        one(
            c,
            "digest-not-base64",
            "sha-256=abc",
            digest(w -> w.replaceHeader("Content-Digest", "sha-256=abc")),
            MALFORMED));
    a.add(
        one(
            c,
            "digest-unpadded",
            "the digest without its = padding: accepted, as RFC 8941 asks",
            digest(
                w ->
                    w.replaceHeader(
                        "Content-Digest", w.header("Content-Digest").replaceAll("=+:$", ":"))),
            ACCEPTED));
    a.add(
        one(
            c,
            "digest-extra-member",
            "a sha-512 member before the signed sha-256 one: ignored",
            digest(
                w ->
                    w.replaceHeader(
                        "Content-Digest",
                        contentDigest(w.body(), "sha-512") + ", " + w.header("Content-Digest"))),
            ACCEPTED));
  }

  // ---------------------------------------------------------------- slow bodies

  private static void slowBody(List<Attack> a) {
    Category c = Category.SLOW_BODY;
    a.add(
        one(
            c,
            "slow-body",
            "the body in 6 pieces, 150 ms apart",
            (t, now) -> List.of(echo(t, now, "slow-body").trickled(6, 150)),
            ACCEPTED));
    a.add(
        one(
            c,
            "slow-body-chunked-tampered",
            "a tampered body in 7-byte chunks, 6 pieces 150 ms apart",
            (t, now) -> {
              Wire w = echo(t, now, "slow-body-tampered").chunked(7).trickled(6, 150);
              return List.of(w.body(flipped(w.body())));
            },
            INVALID));
  }

  // ---------------------------------------------------------------- Expect: 100-continue

  private static void expectContinue(List<Attack> a) {
    Category c = Category.EXPECT_CONTINUE;
    a.add(
        one(
            c,
            "expect-signed",
            "Expect: 100-continue on a signed request",
            (t, now) -> List.of(echo(t, now, "expect-signed").expectingContinue()),
            ACCEPTED));
    a.add(
        one(
            c,
            "expect-tampered-body",
            "Expect: 100-continue, then a tampered body",
            (t, now) -> {
              Wire w = echo(t, now, "expect-tampered").expectingContinue();
              return List.of(w.body(flipped(w.body())));
            },
            INVALID));
    a.add(
        one(
            c,
            "expect-unsigned",
            "Expect: 100-continue without Authorization",
            (t, now) ->
                List.of(
                    echo(t, now, "expect-unsigned")
                        .expectingContinue()
                        .removeHeader("Authorization")),
            MISSING));
    a.add(
        one(
            c,
            "expect-without-digest",
            "Expect: 100-continue, a body announced, no Content-Digest",
            (t, now) ->
                List.of(
                    echo(t, now, "expect-no-digest")
                        .expectingContinue()
                        .removeHeader("Content-Digest")),
            MALFORMED));
  }

  // ---------------------------------------------------------------- methods

  private static void method(List<Attack> a) {
    Category c = Category.METHOD;
    a.add(
        one(
            c,
            "method-override-header",
            "X-HTTP-Method-Override: DELETE on a signed POST: the POST is what runs",
            (t, now) ->
                List.of(echo(t, now, "method-override").header("X-HTTP-Method-Override", "DELETE")),
            ACCEPTED));
    a.add(
        one(
            c,
            "method-override-query",
            "_method=DELETE added to the query",
            (t, now) -> {
              Wire w = echo(t, now, "method-override-query");
              return List.of(w.target(w.target() + "?_method=DELETE"));
            },
            INVALID));
    a.add(
        one(
            c,
            "method-head-for-get",
            "a signed GET sent as HEAD",
            (t, now) -> List.of(get(t, now).method("HEAD")),
            new Expected.RejectedWithoutBody(401)));
    a.add(
        one(
            c,
            "method-get-for-head",
            "a signed HEAD sent as GET",
            (t, now) ->
                List.of(base(t, Role.GET, "HEAD", null).signedWith(signer(KEY, now)).method("GET")),
            INVALID));
    a.add(
        one(
            c,
            "method-lowercase",
            "a signed POST sent as post",
            (t, now) -> List.of(echo(t, now, "method-lowercase").method("post")),
            INVALID));
    a.add(
        one(
            c,
            "method-put-for-post",
            "a signed POST sent as PUT",
            (t, now) -> List.of(echo(t, now, "method-put").method("PUT")),
            INVALID));
  }

  // ---------------------------------------------------------------- paths

  private static void path(List<Attack> a) {
    Category c = Category.PATH;
    a.add(
        pathTrick(
            c, "path-double-slash", "// before the last segment", (p, l) -> p + "/" + l, INVALID));
    a.add(
        pathTrick(
            c, "path-dot-segment", "/./ before the last segment", (p, l) -> p + "./" + l, INVALID));
    a.add(
        pathTrick(
            c,
            "path-dot-dot-segment",
            "x/../ before the last segment",
            (p, l) -> p + "x/../" + l,
            INVALID));
    a.add(
        pathTrick(
            c,
            "path-encoded-dot",
            "/%2e/ before the last segment",
            (p, l) -> p + "%2e/" + l,
            INVALID));
    a.add(
        pathTrick(
            c,
            "path-matrix-parameter",
            ";v=1 after the last segment",
            (p, l) -> p + l + ";v=1",
            INVALID));
    a.add(
        pathTrick(
            c,
            "path-encoded-slash",
            "the last / sent as %2F",
            (p, l) -> p.substring(0, p.length() - 1) + "%2F" + l,
            INVALID));
    a.add(
        pathTrick(
            c,
            "path-trailing-slash",
            "a / after the last segment",
            (p, l) -> p + l + "/",
            INVALID));
    a.add(
        pathTrick(
            c,
            "path-case",
            "the last segment in uppercase",
            (p, l) -> p + l.toUpperCase(Locale.ROOT),
            INVALID));
    a.add(
        pathTrick(
            c,
            "path-encoded-unreserved",
            "the last letter of the path as %XX: the same canonical path",
            (p, l) ->
                p
                    + l.substring(0, l.length() - 1)
                    + String.format("%%%02X", (int) l.charAt(l.length() - 1)),
            ACCEPTED));
    a.add(
        one(
            c,
            "path-absolute-form",
            "the request target in absolute form (http://host:port/path)",
            (t, now) -> {
              Wire w = echo(t, now, "path-absolute-form");
              return List.of(w.target("http://" + t.authority() + w.target()));
            },
            ACCEPTED));
  }

  // ---------------------------------------------------------------- queries

  private static void query(List<Attack> a) {
    Category c = Category.QUERY;
    a.add(queryTrick(c, "query-added", "a parameter added", "x=1", "x=1&y=2", INVALID));
    a.add(queryTrick(c, "query-repeated", "a parameter repeated", "x=1", "x=1&x=1", INVALID));
    a.add(queryTrick(c, "query-removed", "the query removed", "x=1", null, INVALID));
    a.add(
        queryTrick(
            c, "query-appended-to-none", "a query where none was signed", null, "x=1", INVALID));
    a.add(
        queryTrick(
            c,
            "query-reordered",
            "parameters reordered: sorted alike",
            "a=1&b=2",
            "b=2&a=1",
            ACCEPTED));
    a.add(
        queryTrick(
            c,
            "query-empty-parts",
            "empty parts added: dropped",
            "a=1&b=2",
            "&a=1&&b=2&",
            ACCEPTED));
    a.add(queryTrick(c, "query-plus-for-space", "%20 signed, + sent", "q=a%20b", "q=a+b", INVALID));
    a.add(
        queryTrick(
            c, "query-encoded-ampersand", "& signed, %26 sent", "a=1&b=2", "a=1%26b=2", INVALID));
  }

  // ---------------------------------------------------------------- covered headers

  private static void coveredHeaders(List<Attack> a) {
    Category c = Category.COVERED_HEADER;
    a.add(
        one(
            c,
            "covered-header-removed",
            "X-Tenant (covered) removed",
            (t, now) -> List.of(echo(t, now, "covered-removed").removeHeader("X-Tenant")),
            MALFORMED));
    a.add(
        one(
            c,
            "covered-header-repeated",
            "X-Tenant: acme a second time",
            (t, now) -> List.of(echo(t, now, "covered-repeated").header("X-Tenant", "acme")),
            INVALID));
    a.add(
        one(
            c,
            "covered-header-repeated-other",
            "X-Tenant: evil after X-Tenant: acme",
            (t, now) -> List.of(echo(t, now, "covered-repeated-other").header("X-Tenant", "evil")),
            INVALID));
    a.add(
        one(
            c,
            "covered-header-name-recased",
            "x-TENANT instead of X-Tenant: names are case-insensitive",
            (t, now) ->
                List.of(
                    echo(t, now, "covered-name-recased")
                        .removeHeader("X-Tenant")
                        .header("x-TENANT", "acme")),
            ACCEPTED));
    a.add(
        one(
            c,
            "covered-header-value-recased",
            "X-Tenant: ACME",
            (t, now) ->
                List.of(echo(t, now, "covered-value-recased").replaceHeader("X-Tenant", "ACME")),
            INVALID));
    a.add(
        one(
            c,
            "covered-header-value-padded",
            "spaces and tabs around the value: trimmed",
            (t, now) ->
                List.of(echo(t, now, "covered-padded").replaceHeader("X-Tenant", " \t acme \t ")),
            ACCEPTED));
    a.add(
        one(
            c,
            "covered-header-inner-space",
            "X-Tenant: ac me",
            (t, now) ->
                List.of(echo(t, now, "covered-inner-space").replaceHeader("X-Tenant", "ac me")),
            INVALID));
    a.add(
        one(
            c,
            "covered-header-not-ascii",
            "X-Tenant: acmé, sent as UTF-8",
            (t, now) ->
                List.of(echo(t, now, "covered-not-ascii").replaceHeader("X-Tenant", "acmé")),
            MALFORMED));
    a.add(
        one(
            c,
            "covered-header-control-character",
            "X-Tenant: ac<U+0001>me, a control character inside the value",
            (t, now) ->
                List.of(echo(t, now, "covered-control").replaceHeader("X-Tenant", "ac\u0001me")),
            MALFORMED));
    a.add(
        one(
            c,
            "covered-header-name-underscore",
            "X_Tenant instead of X-Tenant: another header, so the covered one is missing",
            (t, now) ->
                List.of(
                    echo(t, now, "covered-underscore")
                        .removeHeader("X-Tenant")
                        .header("X_Tenant", "acme")),
            MALFORMED));
    a.add(
        one(
            c,
            "host-changed",
            "Host: localhost:<port> instead of the signed 127.0.0.1:<port>",
            (t, now) ->
                List.of(
                    echo(t, now, "host-changed").replaceHeader("Host", "localhost:" + t.port())),
            INVALID));
    a.add(
        one(
            c,
            "host-recased",
            "Host signed as LocalHost:<port>, sent as localhost:<port>: lowercased alike",
            (t, now) ->
                List.of(
                    base(t, Role.ECHO, "POST", body("host-recased"))
                        .replaceHeader("Host", "LocalHost:" + t.port())
                        .signedWith(signer(KEY, now))
                        .replaceHeader("Host", "localhost:" + t.port())),
            ACCEPTED));
    a.add(
        one(
            c,
            "host-repeated",
            "Host twice",
            (t, now) -> List.of(echo(t, now, "host-repeated").header("Host", t.authority())),
            INVALID));
    a.add(
        one(
            c,
            "host-removed",
            "no Host: the server takes the authority it received (protocol v1 §3.4), which is the"
                + " one signed",
            (t, now) -> List.of(echo(t, now, "host-removed").removeHeader("Host")),
            ACCEPTED));
    a.add(
        one(
            c,
            "content-type-repeated",
            "Content-Type twice",
            (t, now) ->
                List.of(
                    echo(t, now, "content-type-repeated")
                        .header("Content-Type", "application/octet-stream")),
            INVALID));
  }

  // ---------------------------------------------------------------- building blocks

  /**
   * A request to an endpoint, unsigned: {@code Host}, {@code Content-Type} with a body, {@code
   * X-Tenant}.
   */
  static Wire base(AttackTarget t, Role role, String method, byte[] body) {
    Wire w = Wire.request(method, t.path(role), t.authority()).endpoint(role);
    if (body != null) {
      w.header("Content-Type", "application/octet-stream");
    }
    return w.header("X-Tenant", "acme").body(body);
  }

  /** A POST to the echo endpoint with a small body, signed at an instant. */
  static Wire echo(AttackTarget t, Instant at, String label) {
    return base(t, Role.ECHO, "POST", body(label)).signedWith(signer(KEY, at));
  }

  /** A GET of the GET endpoint, signed at an instant. */
  static Wire get(AttackTarget t, Instant at) {
    return base(t, Role.GET, "GET", null).signedWith(signer(KEY, at));
  }

  /** A POST to the bulk endpoint with a random body of a size, signed at an instant. */
  private static Wire bulk(AttackTarget t, Instant at, long size) {
    return base(t, Role.BULK, "POST", bulkBody(size)).signedWith(signer(KEY, at));
  }

  private static byte[] bulkBody(long size) {
    return BULK.computeIfAbsent(
        size,
        n -> {
          if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a body limit of " + n + " bytes is too large");
          }
          byte[] bytes = new byte[(int) (long) n];
          new SecureRandom().nextBytes(bytes);
          return bytes;
        });
  }

  private static Attack one(
      Category category, String name, String tries, Attack.Plan plan, Expected expected) {
    return new Attack(category, name, tries, plan, expected, false);
  }

  private static Attack race(Category category, String name, String tries, Attack.Plan plan) {
    return new Attack(category, name, tries, plan, new Expected.OneAccepted(), false);
  }

  /** The signed echo request with its Authorization rewritten. */
  private static Attack.Plan auth(UnaryOperator<String> rewrite) {
    return (t, now) -> {
      Wire w = echo(t, now, "auth");
      return List.of(w.replaceHeader("Authorization", rewrite.apply(w.header("Authorization"))));
    };
  }

  /** The signed echo request with a header removed. */
  private static Attack.Plan drop(String header) {
    return (t, now) -> List.of(echo(t, now, "drop").removeHeader(header));
  }

  /** The signed echo request, changed after signing. */
  private static Attack.Plan digest(UnaryOperator<Wire> change) {
    return (t, now) -> List.of(change.apply(echo(t, now, "digest")));
  }

  /** Signed for the echo path, sent on a trick spelling of it. */
  private static Attack pathTrick(
      Category c,
      String name,
      String tries,
      java.util.function.BinaryOperator<String> spelling,
      Expected expected) {
    return one(
        c,
        name,
        tries,
        (t, now) -> {
          Wire w = echo(t, now, name);
          String path = w.target();
          int slash = path.lastIndexOf('/');
          return List.of(
              w.target(spelling.apply(path.substring(0, slash + 1), path.substring(slash + 1))));
        },
        expected);
  }

  /** Signed with one query on the echo path, sent with another ({@code null}: none). */
  private static Attack queryTrick(
      Category c, String name, String tries, String signed, String sent, Expected expected) {
    return one(
        c,
        name,
        tries,
        (t, now) -> {
          Wire w = base(t, Role.ECHO, "POST", body(name));
          String path = w.target();
          w.target(signed == null ? path : path + "?" + signed).signedWith(signer(KEY, now));
          return List.of(w.target(sent == null ? path : path + "?" + sent));
        },
        expected);
  }

  private static List<Wire> copies(Wire w, int n) {
    List<Wire> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(w.copy());
    }
    return all;
  }

  private static String without(String authorization, String parameter) {
    Map<String, String> params = parameters(authorization);
    params.remove(parameter);
    return format(scheme(authorization), params, ", ");
  }

  private static String sig(String authorization) {
    return parameters(authorization).get("signature");
  }

  private static String flipHex(String hex) {
    char last = hex.charAt(hex.length() - 1);
    return hex.substring(0, hex.length() - 1) + (last == '0' ? '1' : '0');
  }

  /** The HMAC-SHA512 key's id and secret under HMAC-SHA256. */
  private static ContractKeys.Key downgraded() {
    ContractKeys.Key admin = ContractKeys.ADMIN;
    return new ContractKeys.Key(
        admin.id(),
        Algorithm.HMAC_SHA256,
        Arrays.copyOf(admin.secret(), admin.secret().length),
        admin.principal(),
        admin.roles());
  }
}
