package dev.hmacsigned.opentelemetry;

import static dev.hmacsigned.opentelemetry.OpenTelemetryMetricsTest.NOW;
import static dev.hmacsigned.opentelemetry.OpenTelemetryMetricsTest.assertVerified;
import static dev.hmacsigned.opentelemetry.OpenTelemetryMetricsTest.key;
import static dev.hmacsigned.opentelemetry.OpenTelemetryMetricsTest.signed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.RejectionCode;
import io.opentelemetry.exporter.prometheus.PrometheusMetricReader;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Through the OpenTelemetry SDK's own Prometheus exporter, with its default settings, the series
 * have the names of the Micrometer module's (and the README's alert rules): one set of rules serves
 * both modules. The exporter adds its scope labels ({@code otel_scope_name}, …) to each series.
 */
class PrometheusNamesTest {

  @Test
  void prometheusExporter_defaultSettings_givesTheMicrometerModulesSeriesNames()
      throws IOException {
    HmacKey orders = key("orders-2026-11").build();
    HmacKey reports = key("reports-2026-11").notAfter(NOW.plus(Duration.ofDays(10))).build();
    PrometheusMetricReader reader = PrometheusMetricReader.create();
    try (OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
            .build()) {
      HmacVerifier verifier =
          HmacVerifier.builder()
              .keys(KeyRing.of(orders, reports))
              .clock(InstantSource.fixed(NOW))
              .addListener(HmacOpenTelemetry.verificationListener(sdk))
              .build();
      assertVerified(verifier.verify(signed(orders, NOW.minusSeconds(5), "{\"n\":1}")));
      assertVerified(verifier.verify(signed(orders, NOW.minusSeconds(5), "{\"n\":2}")));
      verifier.verify(signed(key("chosen-by-a-client").build(), NOW, "{}"));
      verifier.verify(signed(orders, NOW.minusSeconds(400), "{}"));
      HmacClientOpenTelemetry.clientListener(sdk).onResponse(200, null);
      HmacClientOpenTelemetry.clientListener(sdk).onResponse(401, RejectionCode.STALE_TIMESTAMP);

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrometheusTextFormatWriter.create().write(out, reader.collect());
      String scrape = out.toString(StandardCharsets.UTF_8);
      Files.writeString(Path.of("target", "opentelemetry-prometheus-scrape.txt"), scrape);

      assertThat(scrape)
          .contains(
              "# TYPE hmac_server_requests_total counter",
              "# TYPE hmac_server_verification_seconds histogram",
              "# TYPE hmac_server_clock_skew_seconds histogram",
              "# TYPE hmac_server_body_size_bytes histogram",
              "# TYPE hmac_keys_active gauge",
              "# TYPE hmac_key_validity_remaining_days gauge",
              "# TYPE hmac_client_requests_total counter")
          .doesNotContain("chosen-by-a-client");
      assertThat(
              sample(
                  scrape,
                  "hmac_server_requests_total",
                  "code=\"none\",key_id=\"orders-2026-11\",",
                  "outcome=\"verified\",reason=\"none\""))
          .isEqualTo(2.0);
      assertThat(
              sample(
                  scrape,
                  "hmac_server_requests_total",
                  "code=\"invalid_signature\",key_id=\"unknown\",",
                  "outcome=\"rejected\",reason=\"unknown_key\""))
          .isEqualTo(1.0);
      assertThat(
              sample(
                  scrape,
                  "hmac_server_clock_skew_seconds_bucket",
                  "direction=\"past\",",
                  "le=\"600.0\""))
          .isEqualTo(4.0);
      assertThat(
              sample(
                  scrape,
                  "hmac_server_clock_skew_seconds_bucket",
                  "direction=\"past\",",
                  "le=\"300.0\""))
          .isEqualTo(3.0);
      assertThat(
              sample(scrape, "hmac_server_verification_seconds_count", "", "outcome=\"verified\""))
          .isEqualTo(2.0);
      assertThat(sample(scrape, "hmac_server_body_size_bytes_sum", "", "")).isEqualTo(14.0);
      assertThat(sample(scrape, "hmac_keys_active", "", "")).isEqualTo(2.0);
      assertThat(
              sample(scrape, "hmac_key_validity_remaining_days", "key_id=\"reports-2026-11\",", ""))
          .isBetween(9.99, 10.0);
      assertThat(
              sample(
                  scrape, "hmac_client_requests_total", "code=\"none\",", "outcome=\"accepted\""))
          .isEqualTo(1.0);
      assertThat(
              sample(
                  scrape,
                  "hmac_client_requests_total",
                  "code=\"stale_timestamp\",",
                  "outcome=\"rejected\""))
          .isEqualTo(1.0);
    }
  }

  /**
   * The value of the one sample of {@code metric} whose labels are {@code before}, then the
   * exporter's scope labels ({@code otel_scope_…}, sorted among them), then {@code after}.
   */
  static double sample(String scrape, String metric, String before, String after) {
    Pattern line =
        Pattern.compile(
            "(?m)^"
                + Pattern.quote(metric)
                + "\\{"
                + Pattern.quote(before)
                + "(?:otel_scope_[a-z_]+=\"[^\"]*\",?)*"
                + Pattern.quote(after)
                + "\\} (\\S+)$");
    Matcher m = line.matcher(scrape);
    assertThat(m.find()).as("%s in%n%s", line, scrape).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
