package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lookup order of protocol v1 §8. */
class HmacConfigTest {

  @Test
  void environmentName_dotsAndDashes_becomeUnderscores() {
    assertThat(HmacConfig.environmentName("hmac.keys.file")).isEqualTo("HMAC_KEYS_FILE");
    assertThat(HmacConfig.environmentName("hmac.max-body-bytes")).isEqualTo("HMAC_MAX_BODY_BYTES");
  }

  @Test
  void get_frameworkBeforeSystemPropertiesBeforeEnvironment() {
    String name = "hmac.test.order";
    Map<String, String> env = Map.of("HMAC_TEST_ORDER", "env", "HMAC_TEST_ENVONLY", "env-only");
    System.setProperty(name, "system");
    System.setProperty("hmac.test.sysonly", "system-only");
    try {
      HmacConfig config = HmacConfig.lookup(n -> n.equals(name) ? "framework" : null, env);
      assertThat(config.get(name)).contains("framework");
      assertThat(config.get("hmac.test.sysonly")).contains("system-only");
      assertThat(config.get("hmac.test.envonly")).contains("env-only");
      assertThat(config.get("hmac.test.none")).isEmpty();
      assertThat(HmacConfig.lookup(null, env).get(name)).contains("system");
    } finally {
      System.clearProperty(name);
      System.clearProperty("hmac.test.sysonly");
    }
  }

  @Test
  void getLong_wholeNumber_isRead_unset_isEmpty_otherwiseNamesTheSetting() {
    HmacConfig config =
        HmacConfig.lookup(
            Map.of("hmac.test.n", " 250 ", "hmac.test.bad", "1.5", "hmac.test.blank", "  ")::get,
            Map.of());
    assertThat(config.getLong("hmac.test.n")).hasValue(250);
    assertThat(config.getLong("hmac.test.unset")).isEmpty();
    assertThat(config.getLong("hmac.test.blank")).isEmpty();
    assertThatThrownBy(() -> config.getLong("hmac.test.bad"))
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessage("hmac.test.bad must be a whole number; got '1.5'.");
  }

  @Test
  void verifier_settingsFromConfiguration_areApplied() {
    HmacConfig config =
        HmacConfig.lookup(
            Map.of("hmac.clock-skew", "60", "hmac.max-body-bytes", "1024", "hmac.realm", "orders")
                ::get,
            Map.of());
    HmacVerifier verifier = config.verifier();
    assertThat(verifier.clockSkew().getSeconds()).isEqualTo(60);
    assertThat(verifier.maxBodyBytes()).isEqualTo(1024);
    assertThat(verifier.realm()).isEqualTo("orders");
  }

  @Test
  void verifier_skewOverTheCap_isAConfigurationError() {
    HmacConfig config = HmacConfig.lookup(Map.of("hmac.clock-skew", "3600")::get, Map.of());
    assertThatThrownBy(config::verifier).isInstanceOf(HmacConfigurationException.class);
  }

  @Test
  void replayStore_unknownName_listsTheInstalledStores() {
    HmacConfig config = HmacConfig.lookup(Map.of("hmac.replay.store", "redis")::get, Map.of());
    assertThatThrownBy(config::replayStore)
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("memory");
  }

  @Test
  void verifier_keysFileFromConfiguration_isReadAndItsKeysVerify(@TempDir Path dir)
      throws IOException {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    Path file = dir.resolve("keys.properties");
    Files.writeString(
        file, "cfg-key.secret=base64:" + Base64.getEncoder().encodeToString(secret) + "\n");
    HmacConfig config = HmacConfig.lookup(Map.of("hmac.keys.file", file.toString())::get, Map.of());
    assertThat(config.keysFile()).contains(file);

    HmacKey key = HmacKey.builder("cfg-key").secret(secret).build();
    Map<String, List<String>> headers = new HashMap<>();
    SignedHeaders signed = HmacSigner.builder(key).build().sign("GET", "/a", null, headers, null);
    headers.put("Authorization", List.of(signed.authorization()));
    try (VerificationResult result =
        config
            .verifier()
            .verify(new MapRequestView("GET", "/a", null, headers, new byte[0], null))) {
      assertThat(result).isInstanceOf(VerificationResult.Verified.class);
    }
  }

  @Test
  void verifier_noKeysConfigured_warnsNamingThePropertyAndRejectsEverything() {
    HmacConfig config = HmacConfig.lookup(name -> null, Map.of());
    assertThat(config.keysFile()).isEmpty();
    List<LogRecord> warnings = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public synchronized void publish(LogRecord record) {
            if (record.getLevel() == Level.WARNING) {
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
    HmacVerifier verifier;
    try {
      verifier = config.verifier();
    } finally {
      logger.removeHandler(handler);
    }
    assertThat(warnings)
        .singleElement()
        .satisfies(w -> assertThat(w.getMessage()).contains("hmac.keys.file", "HMAC_KEYS_FILE"));
    assertThat(verifier.verify(new MapRequestView("GET", "/", null, Map.of(), new byte[0], null)))
        .isInstanceOf(VerificationResult.Rejected.class);
    assertThat(config.toString()).contains("sources");
  }
}
