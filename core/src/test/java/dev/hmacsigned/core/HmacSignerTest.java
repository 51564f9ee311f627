package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the signer refuses to cover. */
class HmacSignerTest {
  static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

  static HmacKey key() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return HmacKey.builder("signer-test").secret(secret).build();
  }

  static SignedHeaders sign(HmacSigner signer, String note) {
    return signer.sign(
        "POST",
        "/api/notes",
        null,
        Map.of("Host", List.of("api.example.com"), "X-Note", List.of(note)),
        BODY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Zo\u00eb", "\u00c9COLE", "a\u0000b", "a\u007fb", "a\rb", "\u4e2d"})
  void sign_coveredValueOutsideVisibleAscii_isRefusedWithoutEchoingIt(String note) {
    HmacSigner signer = HmacSigner.builder(key()).coveredHeaders("host", "x-note").build();
    assertThatThrownBy(() -> sign(signer, note))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x-note")
        .hasMessageContaining("visible ASCII")
        .hasMessageNotContaining(note);
  }

  @Test
  void sign_coveredValueOfVisibleAsciiSpaceAndTab_isSigned() {
    HmacSigner signer = HmacSigner.builder(key()).coveredHeaders("host", "x-note").build();
    assertThat(sign(signer, "a b\tc ~!").authorization()).contains("headers=\"host;x-note\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"connection", "Connection", "keep-alive", "te", "upgrade"})
  void build_hopByHopHeaderCovered_isRefused(String name) {
    HmacSigner.Builder builder = HmacSigner.builder(key()).coveredHeaders("host", name);
    assertThatThrownBy(builder::build)
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("hop-by-hop");
  }

  @ParameterizedTest
  @ValueSource(strings = {"cache-control", "Accept-Encoding"})
  void build_headerJettyRecasesCovered_warns(String name) {
    List<LogRecord> warnings = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public synchronized void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
              warnings.add(record);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger logger = Logger.getLogger("dev.hmacsigned");
    logger.addHandler(handler);
    try {
      HmacSigner.builder(key()).coveredHeaders("host", name).build();
      HmacSigner.builder(key()).coveredHeaders("host", "x-request-id").build();
    } finally {
      logger.removeHandler(handler);
    }
    assertThat(warnings).hasSize(1);
    assertThat(MessageFormat.format(warnings.get(0).getMessage(), warnings.get(0).getParameters()))
        .contains("'" + name.toLowerCase(java.util.Locale.ROOT) + "'", "Jetty");
  }
}
