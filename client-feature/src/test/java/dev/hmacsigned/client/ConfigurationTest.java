package dev.hmacsigned.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.KeySource;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The settings of protocol v1 §8: a keys file, the key to sign with, the headers to cover. */
class ConfigurationTest {
  private static final List<String> PROPERTIES =
      List.of(HmacConfig.KEYS_FILE, HmacConfig.CLIENT_KEY_ID, HmacConfig.CLIENT_HEADERS);

  @TempDir Path dir;

  private final Map<String, String> saved = new HashMap<>();
  private final byte[] secretA = TestKeys.randomSecret();
  private final byte[] secretB = TestKeys.randomSecret();
  private final byte[] secretOld = TestKeys.randomSecret();
  private VerifyingServer server;

  @BeforeEach
  void startServer() throws IOException {
    for (String name : PROPERTIES) {
      saved.put(name, System.getProperty(name));
      System.clearProperty(name);
    }
    server =
        new VerifyingServer(
            KeyRing.of(
                TestKeys.key("cfg-a", secretA),
                TestKeys.key("cfg-b", secretB),
                TestKeys.key("cfg-old", secretOld)));
  }

  @AfterEach
  void restore() {
    server.close();
    saved.forEach(
        (name, value) -> {
          if (value == null) {
            System.clearProperty(name);
          } else {
            System.setProperty(name, value);
          }
        });
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void fromConfiguration_oneActiveKeyInFile_signsWithIt(ClientKind kind) throws IOException {
    System.setProperty(
        HmacConfig.KEYS_FILE,
        keysFile(
                TestKeys.keysFileEntry("cfg-a", secretA, "active"),
                TestKeys.keysFileEntry("cfg-old", secretOld, "revoked"))
            .toString());

    assertThat(principalOfGet(kind, HmacClientFeature.fromConfiguration()))
        .isEqualTo("cfg-a-service");
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void fromConfiguration_keyIdProperty_signsWithThatKey(ClientKind kind) throws IOException {
    System.setProperty(HmacConfig.KEYS_FILE, twoActiveKeys().toString());
    System.setProperty(HmacConfig.CLIENT_KEY_ID, "cfg-b");

    assertThat(principalOfGet(kind, HmacClientFeature.fromConfiguration()))
        .isEqualTo("cfg-b-service");
  }

  @Test
  void fromConfiguration_twoActiveKeysWithoutKeyId_failsNamingTheProperty() throws IOException {
    System.setProperty(HmacConfig.KEYS_FILE, twoActiveKeys().toString());

    assertThatThrownBy(HmacClientFeature::fromConfiguration)
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("2 active keys [cfg-a, cfg-b]")
        .hasMessageContaining(HmacConfig.CLIENT_KEY_ID)
        .hasMessageNotContaining(java.util.Base64.getEncoder().encodeToString(secretA));
  }

  @Test
  void fromConfiguration_unknownKeyId_fails() throws IOException {
    System.setProperty(HmacConfig.KEYS_FILE, twoActiveKeys().toString());
    System.setProperty(HmacConfig.CLIENT_KEY_ID, "cfg-z");

    assertThatThrownBy(HmacClientFeature::fromConfiguration)
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("No key 'cfg-z'");
  }

  @Test
  void fromConfiguration_noKeysFile_failsNamingThePropertyAndVariable() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        System.getenv(HmacConfig.environmentName(HmacConfig.KEYS_FILE)) == null);

    assertThatThrownBy(HmacClientFeature::fromConfiguration)
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("hmac.keys.file")
        .hasMessageContaining("HMAC_KEYS_FILE");
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void fromConfiguration_headersProperty_coversThoseHeaders(ClientKind kind) throws IOException {
    System.setProperty(
        HmacConfig.KEYS_FILE,
        keysFile(TestKeys.keysFileEntry("cfg-a", secretA, "active")).toString());
    System.setProperty(HmacConfig.CLIENT_HEADERS, "host");

    try (Client client = kind.builder().register(HmacClientFeature.fromConfiguration()).build();
        Response response =
            client.target(server.uri("/api/orders")).request().post(Entity.json("{}"))) {
      assertThat(response.getStatus()).isEqualTo(200);
      assertThat(TestKeys.coveredHeaders(server.lastVerified().header("Authorization")))
          .isEqualTo("host");
    }
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void registeredAsClass_clientProperties_configureTheFeature(ClientKind kind) throws IOException {
    Path file = twoActiveKeys();
    try (Client client =
            kind.builder()
                .property(HmacConfig.KEYS_FILE, file.toString())
                .property(HmacConfig.CLIENT_KEY_ID, "cfg-b")
                .register(HmacClientFeature.class)
                .build();
        Response response = client.target(server.uri("/api/items")).request().get()) {
      assertThat(response.getStatus()).isEqualTo(200);
      assertThat(response.getHeaderString(VerifyingServer.PRINCIPAL_HEADER))
          .isEqualTo("cfg-b-service");
    }
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void fromConfigurationOfClient_clientPropertiesComeBeforeSystemProperties(ClientKind kind)
      throws IOException {
    System.setProperty(HmacConfig.KEYS_FILE, twoActiveKeys().toString());
    System.setProperty(HmacConfig.CLIENT_KEY_ID, "cfg-a");
    try (Client configured = kind.builder().property(HmacConfig.CLIENT_KEY_ID, "cfg-b").build()) {
      HmacClientFeature feature =
          HmacClientFeature.fromConfiguration(configured.getConfiguration());

      assertThat(principalOfGet(kind, feature)).isEqualTo("cfg-b-service");
    }
  }

  @Test
  void builder_settingsOnBuilder_comeBeforeConfigurationWhateverTheOrder() throws IOException {
    System.setProperty(HmacConfig.KEYS_FILE, twoActiveKeys().toString());
    System.setProperty(HmacConfig.CLIENT_KEY_ID, "cfg-a");
    HmacClientFeature feature =
        HmacClientFeature.builder()
            .keyId("cfg-b")
            .configuration(HmacConfig.lookup(null))
            .learnClockOffset(true)
            .build();

    assertThat(principalOfGet(ClientKind.JERSEY, feature)).isEqualTo("cfg-b-service");
  }

  /**
   * The feature asks its key source for the key on every request, so a rotated keys file is
   * followed without rebuilding the client. The source checks the file on every request here
   * (interval zero); its once-a-second schedule is core's to test (KeysFileSourceTest, on a
   * ticker), so nothing here sleeps.
   */
  @Test
  void keySource_keysFileRotated_signsWithTheNewKeyWithoutRebuilding() throws Exception {
    Path file = keysFile(TestKeys.keysFileEntry("cfg-a", secretA, "active"));
    HmacClientFeature feature =
        HmacClientFeature.builder().keySource(KeySource.keysFile(file, Duration.ZERO)).build();
    assertThat(principalOfGet(ClientKind.RESTEASY, feature)).isEqualTo("cfg-a-service");

    Files.writeString(
        file,
        TestKeys.keysFileEntry("cfg-a", secretA, "revoked")
            + TestKeys.keysFileEntry("cfg-b", secretB, "active"),
        StandardCharsets.UTF_8);

    assertThat(principalOfGet(ClientKind.RESTEASY, feature)).isEqualTo("cfg-b-service");
  }

  private String principalOfGet(ClientKind kind, HmacClientFeature feature) {
    try (Client client = kind.builder().register(feature).build();
        Response response = client.target(server.uri("/api/items")).request().get()) {
      assertThat(response.getStatus())
          .as("rejection: %s", HmacRejection.from(response))
          .isEqualTo(200);
      return response.getHeaderString(VerifyingServer.PRINCIPAL_HEADER);
    }
  }

  private Path twoActiveKeys() throws IOException {
    return keysFile(
        TestKeys.keysFileEntry("cfg-a", secretA, "active"),
        TestKeys.keysFileEntry("cfg-b", secretB, "active"));
  }

  private Path keysFile(String... entries) throws IOException {
    Path file = Files.createTempFile(dir, "keys", ".properties");
    Files.writeString(file, String.join("", entries), StandardCharsets.UTF_8);
    return file;
  }
}
