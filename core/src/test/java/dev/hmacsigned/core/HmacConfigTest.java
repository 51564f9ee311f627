package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
