package dev.hmacsigned.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.Algorithm;
import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.KeySource;
import dev.hmacsigned.core.KeyStatus;
import dev.hmacsigned.core.RequestView;
import dev.hmacsigned.core.SignedHeaders;
import dev.hmacsigned.core.VerificationResult;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The meters in a real {@link PrometheusMeterRegistry}, after real verifications by the real
 * verifier: names, tags and counts as a Prometheus server scrapes them.
 */
class MicrometerScrapeTest {
  static final SecureRandom RANDOM = new SecureRandom();
  static final Instant NOW = Instant.now();

  final HmacKey orders = key("orders-2026-11").build();
  final HmacKey reports = key("reports-2026-11").notAfter(NOW.plus(Duration.ofDays(10))).build();
  final HmacKey retired = key("orders-2026-05").status(KeyStatus.REVOKED).build();

  static HmacKey.Builder key(String id) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return HmacKey.builder(id).secret(secret).algorithm(Algorithm.HMAC_SHA256);
  }

  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @Test
  void scrape_afterVerifiedAndRejectedRequests_countsByOutcomeCodeReasonAndKnownKey()
      throws Exception {
    HmacVerifier verifier =
        HmacVerifier.builder()
            .keys(KeyRing.of(orders, reports, retired))
            .clock(InstantSource.fixed(NOW)) // the skews below are exact
            .addListener(HmacMicrometer.verificationListener(registry))
            .build();

    for (int i = 0; i < 3; i++) {
      assertVerified(verifier.verify(signed(orders, NOW.minusSeconds(5), "{\"n\":" + i + "}")));
    }
    assertVerified(verifier.verify(signed(reports, NOW.plusSeconds(2), "")));
    // A key id the ring does not hold, chosen by the client: counted, never a series of its own.
    HmacKey stranger = key("attacker-chosen-" + RANDOM.nextInt(1_000_000)).build();
    verifier.verify(signed(stranger, NOW, "{}"));
    verifier.verify(signed(stranger, NOW, "{}"));
    // The right key id with another secret, and a request signed 400 s ago.
    verifier.verify(signed(key(orders.id()).build(), NOW, "{}"));
    verifier.verify(signed(orders, NOW.minusSeconds(400), "{}"));
    verifier.verify(request("GET", Map.of(), ""));

    String scrape = registry.scrape();
    Files.writeString(Path.of("target", "micrometer-scrape.txt"), scrape);

    assertThat(sample(scrape, "hmac_server_requests_total", verified("orders-2026-11")))
        .isEqualTo(3.0);
    assertThat(sample(scrape, "hmac_server_requests_total", verified("reports-2026-11")))
        .isEqualTo(1.0);
    assertThat(
            sample(
                scrape,
                "hmac_server_requests_total",
                rejected("invalid_signature", "unknown", "unknown_key")))
        .isEqualTo(2.0);
    assertThat(scrape).doesNotContain(stranger.id());
    assertThat(
            sample(
                scrape,
                "hmac_server_requests_total",
                rejected("invalid_signature", "orders-2026-11", "signature_mismatch")))
        .isEqualTo(1.0);
    assertThat(
            sample(
                scrape,
                "hmac_server_requests_total",
                rejected("stale_timestamp", "orders-2026-11", "timestamp_out_of_window")))
        .isEqualTo(1.0);
    assertThat(
            sample(
                scrape,
                "hmac_server_requests_total",
                rejected("missing_signature", "unknown", "missing_authorization")))
        .isEqualTo(1.0);

    // Latency: one observation per verdict, in seconds, with its buckets.
    assertThat(sample(scrape, "hmac_server_verification_seconds_count", "outcome=\"verified\""))
        .isEqualTo(4.0);
    assertThat(sample(scrape, "hmac_server_verification_seconds_count", "outcome=\"rejected\""))
        .isEqualTo(5.0);
    assertThat(
            sample(
                scrape,
                "hmac_server_verification_seconds_bucket",
                "outcome=\"rejected\",le=\"+Inf\""))
        .isEqualTo(5.0);

    // Skew: 3 requests 5 s old and the stale one 400 s old in the past, one 2 s in the future; the
    // request without a signature has none.
    assertThat(sample(scrape, "hmac_server_clock_skew_seconds_count", "direction=\"past\""))
        .isEqualTo(7.0); // 3 verified + 2 unknown key + 1 mismatch (each ~0 s) + 1 stale
    assertThat(sample(scrape, "hmac_server_clock_skew_seconds_count", "direction=\"future\""))
        .isEqualTo(1.0);
    assertThat(
            sample(
                scrape, "hmac_server_clock_skew_seconds_bucket", "direction=\"past\",le=\"300.0\""))
        .isEqualTo(6.0);
    assertThat(
            sample(
                scrape, "hmac_server_clock_skew_seconds_bucket", "direction=\"past\",le=\"600.0\""))
        .isEqualTo(7.0);

    // Body sizes of the verified requests: {"n":0} .. {"n":2} (7 bytes each) and an empty one.
    assertThat(sample(scrape, "hmac_server_body_size_bytes_count", "")).isEqualTo(4.0);
    assertThat(sample(scrape, "hmac_server_body_size_bytes_sum", "")).isEqualTo(21.0);

    // Keys: two usable (the revoked one is not), and 10 days left for the one with a not-after.
    assertThat(sample(scrape, "hmac_keys_active", "")).isEqualTo(2.0);
    assertThat(sample(scrape, "hmac_key_validity_remaining_days", "key_id=\"reports-2026-11\""))
        .isBetween(9.99, 10.0);
    assertThat(scrape).doesNotContain("hmac_key_validity_remaining_days{key_id=\"orders-2026-11\"");
  }

  @Test
  void scrape_ringRotates_keyGaugesFollowIt() {
    AtomicReference<KeyRing> ring = new AtomicReference<>(KeyRing.of(orders, reports));
    HmacVerifier verifier =
        HmacVerifier.builder()
            .keySource(ring::get)
            .addListener(HmacMicrometer.verificationListener(registry))
            .build();
    String before = registry.scrape();
    assertThat(sample(before, "hmac_keys_active", "")).isEqualTo(2.0);
    assertThat(sample(before, "hmac_key_validity_remaining_days", "key_id=\"reports-2026-11\""))
        .isBetween(9.99, 10.0);

    // Rotation: reports-2026-11 leaves, reports-2026-12 (30 days) comes, orders-2026-11 is revoked.
    HmacKey next = key("reports-2026-12").notAfter(NOW.plus(Duration.ofDays(30))).build();
    HmacKey ordersRevoked =
        HmacKey.builder(orders.id())
            .secret(new byte[32])
            .algorithm(Algorithm.HMAC_SHA256)
            .status(KeyStatus.REVOKED)
            .build();
    ring.set(KeyRing.of(ordersRevoked, next));
    // The count of usable keys is read at each scrape.
    assertThat(sample(registry.scrape(), "hmac_keys_active", "")).isEqualTo(1.0);

    // The per-key gauges follow the ring the verifier sees with its next request.
    assertVerified(verifier.verify(signed(next, NOW, "")));
    String after = registry.scrape();
    assertThat(sample(after, "hmac_key_validity_remaining_days", "key_id=\"reports-2026-12\""))
        .isBetween(29.99, 30.0);
    assertThat(after).doesNotContain("key_id=\"reports-2026-11\"");
  }

  @Test
  void configuration_jarOnTheClassPath_installsTheMetersOnTheGlobalRegistryBesideTheLog() {
    Metrics.addRegistry(registry);
    try {
      for (String setting : List.of("micrometer", "auto")) {
        HmacVerifier verifier =
            HmacConfig.lookup(Map.of(HmacConfig.LISTENERS, setting)::get)
                .verifierBuilder(KeySource.of(KeyRing.of(orders)))
                .build();
        assertVerified(verifier.verify(signed(orders, NOW, "")));
      }
      HmacVerifier without =
          HmacConfig.lookup(Map.of(HmacConfig.LISTENERS, "none")::get)
              .verifierBuilder(KeySource.of(KeyRing.of(orders)))
              .build();
      assertVerified(without.verify(signed(orders, NOW, "")));

      assertThat(sample(registry.scrape(), "hmac_server_requests_total", verified(orders.id())))
          .isEqualTo(2.0);
    } finally {
      Metrics.removeRegistry(registry);
    }
  }

  static String verified(String keyId) {
    return "code=\"none\",key_id=\"" + keyId + "\",outcome=\"verified\",reason=\"none\"";
  }

  static String rejected(String code, String keyId, String reason) {
    return "code=\""
        + code
        + "\",key_id=\""
        + keyId
        + "\",outcome=\"rejected\",reason=\""
        + reason
        + "\"";
  }

  /** A keys file with one key of this id and secret, in the directory. */
  static Path keysFile(Path directory, String keyId, byte[] secret) throws IOException {
    return Files.writeString(
        directory.resolve(keyId + ".properties"),
        keyId + ".secret=base64:" + java.util.Base64.getEncoder().encodeToString(secret) + "\n");
  }

  static void assertVerified(VerificationResult result) {
    assertThat(result).isInstanceOf(VerificationResult.Verified.class);
    result.close();
  }

  /** The value of the one sample of a metric with exactly these labels, in exposition format. */
  static double sample(String scrape, String metric, String labels) {
    String selector = labels.isEmpty() ? metric : metric + "{" + labels + "}";
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(selector) + " (\\S+)$").matcher(scrape);
    assertThat(m.find()).as("%s in%n%s", selector, scrape).isTrue();
    return Double.parseDouble(m.group(1));
  }

  static RequestView signed(HmacKey key, Instant at, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Map<String, List<String>> headers =
        Map.of("Host", List.of("api.example.com"), "Content-Type", List.of("application/json"));
    SignedHeaders h =
        HmacSigner.builder(key)
            .clock(InstantSource.fixed(at))
            .build()
            .sign("POST", "/api/orders", "", headers, bytes);
    Map<String, List<String>> all = new java.util.HashMap<>(headers);
    all.put("Authorization", List.of(h.authorization()));
    h.contentDigestHeader().ifPresent(d -> all.put("Content-Digest", List.of(d)));
    return request("POST", all, body);
  }

  static RequestView request(String method, Map<String, List<String>> headers, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return new RequestView() {
      @Override
      public String method() {
        return method;
      }

      @Override
      public String rawPath() {
        return "/api/orders";
      }

      @Override
      public String rawQuery() {
        return "";
      }

      @Override
      public List<String> headers(String name) {
        return RequestView.headerValues(headers, name);
      }

      @Override
      public InputStream body() {
        return new ByteArrayInputStream(bytes);
      }
    };
  }
}
