package dev.hmacsigned.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hmacsigned.core.CanonicalString;
import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.RequestView;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The debug option: the canonical string and fingerprint of each signed request at DEBUG (FINE),
 * equal to what the server computes for the request it received; nothing when the option is off.
 */
class DebugLoggingTest {
  private static byte[] secret;
  private static HmacKey key;
  private static VerifyingServer server;

  private final Logger logger = Logger.getLogger("dev.hmacsigned.client");
  private final List<String> lines = new ArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public synchronized void publish(LogRecord record) {
          lines.add(
              record.getParameters() == null
                  ? record.getMessage()
                  : MessageFormat.format(record.getMessage(), record.getParameters()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private Level previous;

  @BeforeAll
  static void startServer() throws IOException {
    secret = TestKeys.randomSecret();
    key = TestKeys.key("debug-key", secret);
    server = new VerifyingServer(KeyRing.of(key));
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void listen() {
    previous = logger.getLevel();
    logger.setLevel(Level.FINE);
    logger.addHandler(handler);
  }

  @AfterEach
  void stopListening() {
    logger.removeHandler(handler);
    logger.setLevel(previous);
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void debugOn_postWithBody_logsTheCanonicalStringTheServerComputes(ClientKind kind) {
    HmacClientFeature feature = HmacClientFeature.builder().key(key).debug(true).build();
    String authorization;
    try (Client client = kind.builder().register(feature).build();
        Response response =
            client
                .target(server.uri("/api/echo?q=hello%20world&a=1"))
                .request()
                .post(Entity.json("{\"hello\":\"w\u00f6rld\"}"))) {
      assertThat(response.getStatus()).isEqualTo(200);
      authorization = server.lastVerified().header("Authorization");
    }

    CanonicalString serverSide = CanonicalString.of(received(server.lastVerified()));
    assertThat(lines).singleElement().asString().startsWith("HMAC signed POST /api/echo:");
    String logged = lines.get(0);
    assertThat(logged).endsWith("\n" + serverSide.debugText());
    assertThat(logged)
        .contains("fingerprint: " + serverSide.fingerprint())
        .contains("\nquery: a=1&q=hello%20world\n")
        .doesNotContain(Base64.getEncoder().encodeToString(secret))
        .doesNotContain(authorization.substring(authorization.indexOf("signature=")));
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void debugOn_getWithoutBody_logsItToo(ClientKind kind) {
    HmacClientFeature feature = HmacClientFeature.builder().key(key).debug(true).build();
    try (Client client = kind.builder().register(feature).build();
        Response response = client.target(server.uri("/api/items/42")).request().get()) {
      assertThat(response.getStatus()).isEqualTo(200);
    }
    assertThat(lines)
        .singleElement()
        .asString()
        .contains(
            "\nfingerprint: " + CanonicalString.of(received(server.lastVerified())).fingerprint())
        .contains("\nmethod: GET\npath: /api/items/42\nquery:\n");
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void debugOff_byDefault_logsNothingEvenAtFine(ClientKind kind) {
    HmacClientFeature feature = HmacClientFeature.builder().key(key).build();
    try (Client client = kind.builder().register(feature).build();
        Response response = client.target(server.uri("/api/items/42")).request().get()) {
      assertThat(response.getStatus()).isEqualTo(200);
    }
    assertThat(lines).isEmpty();
  }

  @Test
  void configuration_hmacClientDebugTrue_turnsItOn() {
    HmacClientFeature feature =
        HmacClientFeature.builder()
            .key(key)
            .configuration(
                HmacConfig.lookup(name -> name.equals(HmacConfig.CLIENT_DEBUG) ? "TRUE" : null))
            .build();
    try (Client client = ClientKind.JERSEY.builder().register(feature).build();
        Response response = client.target(server.uri("/api/items/7")).request().get()) {
      assertThat(response.getStatus()).isEqualTo(200);
    }
    assertThat(lines).singleElement().asString().contains("path: /api/items/7");
    assertThat(feature.toString()).contains("debug");
  }

  @Test
  void configuration_builderSaysOff_winsOverTheProperty() {
    HmacClientFeature feature =
        HmacClientFeature.builder()
            .key(key)
            .debug(false)
            .configuration(
                HmacConfig.lookup(name -> name.equals(HmacConfig.CLIENT_DEBUG) ? "true" : null))
            .build();
    try (Client client = ClientKind.JERSEY.builder().register(feature).build();
        Response response = client.target(server.uri("/api/items/8")).request().get()) {
      assertThat(response.getStatus()).isEqualTo(200);
    }
    assertThat(lines).isEmpty();
  }

  @Test
  void configuration_hmacClientDebugNotABoolean_isRefused() {
    HmacClientFeature.Builder builder =
        HmacClientFeature.builder()
            .key(key)
            .configuration(
                HmacConfig.lookup(name -> name.equals(HmacConfig.CLIENT_DEBUG) ? "yes" : null));
    assertThatThrownBy(builder::build)
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining(HmacConfig.CLIENT_DEBUG);
  }

  /** The request as the server received it. */
  private static RequestView received(VerifyingServer.Received received) {
    return new RequestView() {
      @Override
      public String method() {
        return received.method();
      }

      @Override
      public String rawPath() {
        return received.rawPath();
      }

      @Override
      public String rawQuery() {
        return received.rawQuery();
      }

      @Override
      public List<String> headers(String name) {
        return RequestView.headerValues(received.headers(), name);
      }

      @Override
      public InputStream body() {
        return InputStream.nullInputStream();
      }
    };
  }
}
