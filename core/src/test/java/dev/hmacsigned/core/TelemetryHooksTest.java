package dev.hmacsigned.core;

import static dev.hmacsigned.core.HmacVerifierTest.CLOCK;
import static dev.hmacsigned.core.HmacVerifierTest.JSON;
import static dev.hmacsigned.core.HmacVerifierTest.NOW;
import static dev.hmacsigned.core.HmacVerifierTest.key;
import static dev.hmacsigned.core.HmacVerifierTest.post;
import static dev.hmacsigned.core.HmacVerifierTest.rejected;
import static dev.hmacsigned.core.HmacVerifierTest.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hmacsigned.core.VerificationResult.Rejected;
import dev.hmacsigned.core.VerificationResult.Verified;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * What the verifier hands a metrics listener: latency, signed clock skew, whether the key id is in
 * the ring; listeners added beside the log, told of the key source once, isolated from each other;
 * listeners chosen by {@code hmac.listeners}.
 */
class TelemetryHooksTest {
  final HmacKey key = key("orders-1", Algorithm.HMAC_SHA256).build();
  final HmacKey revoked = key("orders-0", Algorithm.HMAC_SHA256).status(KeyStatus.REVOKED).build();

  HmacVerifier.Builder verifier() {
    return HmacVerifier.builder().keys(KeyRing.of(key, revoked)).clock(CLOCK);
  }

  @Test
  void verify_requestSignedSevenSecondsAgo_verdictCarriesSkewSevenAndItsLatency() {
    try (VerificationResult result =
        verifier().build().verify(signed(key, post(JSON), NOW.minusSeconds(7)))) {
      assertThat(result).isInstanceOf(Verified.class);
      assertThat(result.clockSkewSeconds()).isEqualTo(OptionalLong.of(7));
      assertThat(result.elapsedNanos()).isPositive();
    }
  }

  @Test
  void verify_requestFromTheFuture_skewIsNegative() {
    try (VerificationResult result =
        verifier().build().verify(signed(key, post(JSON), NOW.plusSeconds(3)))) {
      assertThat(result.clockSkewSeconds()).isEqualTo(OptionalLong.of(-3));
    }
  }

  @Test
  void verify_staleTimestamp_rejectionCarriesTheSkewItWasRejectedFor() {
    Rejected r =
        rejected(verifier().build().verify(signed(key, post(JSON), NOW.minusSeconds(400))));
    assertThat(r.reason()).isEqualTo(RejectionReason.TIMESTAMP_OUT_OF_WINDOW);
    assertThat(r.clockSkewSeconds()).isEqualTo(OptionalLong.of(400));
    assertThat(r.keyInRing()).isTrue();
  }

  @Test
  void verify_rejectedAfterTheWindowCheck_carriesTheSkew() {
    HmacVerifier verifier = verifier().build();
    TestRequest request = signed(key, post(JSON), NOW.minusSeconds(2));
    verifier.verify(request).close();
    Rejected replay = rejected(verifier.verify(request));
    assertThat(replay.reason()).isEqualTo(RejectionReason.REPLAYED_NONCE);
    assertThat(replay.clockSkewSeconds()).isEqualTo(OptionalLong.of(2));
  }

  @Test
  void verify_noAuthorization_hasNoSkewAndNoKeyInRing() {
    Rejected r = rejected(verifier().build().verify(post(JSON)));
    assertThat(r.clockSkewSeconds()).isEmpty();
    assertThat(r.keyInRing()).isFalse();
    assertThat(r.elapsedNanos()).isPositive();
  }

  @Test
  void verify_keyIdNotInTheRing_isNotInRing() {
    HmacKey stranger = key("chosen-by-the-client-42", Algorithm.HMAC_SHA256).build();
    Rejected r = rejected(verifier().build().verify(signed(stranger, post(JSON), NOW)));
    assertThat(r.reason()).isEqualTo(RejectionReason.UNKNOWN_KEY);
    assertThat(r.keyId()).contains("chosen-by-the-client-42");
    assertThat(r.keyInRing()).isFalse();
  }

  @Test
  void verify_revokedKeyOrWrongSecret_isInRing() {
    HmacKey stillUsedByAClient = key("orders-0", Algorithm.HMAC_SHA256).build();
    Rejected revokedKey =
        rejected(verifier().build().verify(signed(stillUsedByAClient, post(JSON), NOW)));
    assertThat(revokedKey.reason()).isEqualTo(RejectionReason.KEY_REVOKED);
    assertThat(revokedKey.keyInRing()).isTrue();

    HmacKey impostor = key("orders-1", Algorithm.HMAC_SHA256).build(); // same id, other secret
    Rejected mismatch = rejected(verifier().build().verify(signed(impostor, post(JSON), NOW)));
    assertThat(mismatch.reason()).isEqualTo(RejectionReason.SIGNATURE_MISMATCH);
    assertThat(mismatch.keyInRing()).isTrue();
  }

  @Test
  void verify_slowBody_latencyIncludesReadingIt() {
    TestRequest request = signed(key, post(JSON), NOW);
    RequestView slow =
        new HmacVerifierTest.ForwardingView(request) {
          @Override
          public InputStream body() throws IOException {
            return new FilterInputStream(request.body()) {
              @Override
              public int read(byte[] b, int off, int len) throws IOException {
                sleep(30);
                return super.read(b, off, len);
              }
            };
          }
        };
    try (VerificationResult result = verifier().build().verify(slow)) {
      assertThat(result).isInstanceOf(Verified.class);
      // A lower bound only: the body took at least 30 ms to arrive, and that is part of the
      // latency.
      assertThat(result.elapsedNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(30));
    }
  }

  @Test
  void addListener_keepsTheLogAndTellsTheAddedListenerToo() {
    Recording added = new Recording();
    HmacVerifier verifier = verifier().addListener(added).build();
    try (Capture logs = new Capture()) {
      verifier.verify(signed(unseenKey(), post(JSON), NOW)).close();
      assertThat(logs.messages()).anyMatch(m -> m.startsWith("HMAC rejected:"));
    }
    assertThat(added.calls).containsExactly("rejected invalid_signature");
  }

  @Test
  void listener_replacesTheLog_addListenerAddsAfterIt() {
    Recording first = new Recording();
    Recording second = new Recording();
    HmacVerifier verifier = verifier().listener(first).addListener(second).build();
    try (Capture logs = new Capture()) {
      verifier.verify(signed(unseenKey(), post(JSON), NOW)).close();
      assertThat(logs.messages()).noneMatch(m -> m.startsWith("HMAC rejected:"));
    }
    assertThat(first.calls).containsExactly("rejected invalid_signature");
    assertThat(second.calls).containsExactly("rejected invalid_signature");
  }

  @Test
  void build_tellsEachListenerTheKeySourceOnce() {
    KeySource source = KeySource.of(KeyRing.of(key));
    Recording a = new Recording();
    Recording b = new Recording();
    HmacVerifier.builder().keySource(source).listener(a).addListener(b).build();
    assertThat(a.sources).containsExactly(source);
    assertThat(b.sources).containsExactly(source);
  }

  @Test
  void build_listenerThatCannotRegister_isLoggedAndTheVerifierStillWorks() {
    Recording after = new Recording();
    VerificationListener refusing =
        new VerificationListener() {
          @Override
          public void onVerifierBuilt(KeySource keySource) {
            throw new IllegalArgumentException("a meter of that name exists");
          }
        };
    try (Capture logs = new Capture()) {
      HmacVerifier verifier = verifier().listener(refusing).build();
      assertThat(logs.messages()).contains("A VerificationListener threw; ignored");
      assertThat(verifier.verify(signed(key, post(JSON), NOW))).isInstanceOf(Verified.class);
    }
    try (Capture logs = new Capture()) {
      verifier().listener(refusing).addListener(after).build();
      assertThat(logs.messages()).contains("A VerificationListener threw; ignored");
    }
    assertThat(after.sources).hasSize(1);
  }

  @Test
  void of_oneListenerThrows_theOthersAreStillTold() {
    Recording after = new Recording();
    VerificationListener throwing =
        new VerificationListener() {
          @Override
          public void onRejected(Rejected result, RequestView request) {
            throw new IllegalStateException("meter bug");
          }

          @Override
          public void onVerified(Verified result, RequestView request) {
            throw new IllegalStateException("meter bug");
          }
        };
    HmacVerifier verifier = verifier().listener(throwing).addListener(after).build();
    try (Capture logs = new Capture()) {
      verifier.verify(post(JSON)).close();
      verifier.verify(signed(key, post(JSON), NOW)).close();
      assertThat(logs.messages())
          .containsExactly(
              "A VerificationListener threw; ignored", "A VerificationListener threw; ignored");
    }
    assertThat(after.calls).containsExactly("rejected missing_signature", "verified orders-1");
  }

  @Test
  void of_oneListener_isThatListener() {
    Recording only = new Recording();
    assertThat(VerificationListener.of(List.of(only))).isSameAs(only);
    assertThat(VerificationListener.of(List.of()).toString()).isEqualTo("VerificationListener[]");
  }

  @Test
  void verificationTags_eachVerdict_boundedTagsMadeOncePerSet() {
    List<String> made = new ArrayList<>();
    VerificationTags<String> tags =
        VerificationTags.of(
            (outcome, code, reason, keyId) -> {
              String set = outcome + " " + code + " " + reason + " " + keyId;
              made.add(set);
              return set;
            });
    HmacVerifier verifier = verifier().build();
    HmacKey stranger =
        key("chosen-by-the-client-" + System.nanoTime(), Algorithm.HMAC_SHA256).build();
    HmacKey stillUsedByAClient = key("orders-0", Algorithm.HMAC_SHA256).build();
    List<String> seen = new ArrayList<>();
    for (TestRequest request :
        List.of(
            signed(key, post(JSON), NOW),
            signed(key, post(JSON), NOW),
            signed(stranger, post(JSON), NOW),
            signed(stillUsedByAClient, post(JSON), NOW),
            post(JSON))) {
      try (VerificationResult result = verifier.verify(request)) {
        seen.add(tags.of(result));
      }
    }
    assertThat(seen)
        .containsExactly(
            "verified none none orders-1",
            "verified none none orders-1",
            "rejected invalid_signature unknown_key unknown",
            "rejected invalid_signature key_revoked orders-0",
            "rejected missing_signature missing_authorization unknown");
    assertThat(made).hasSize(4).doesNotHaveDuplicates();
    assertThat(seen.get(0)).isSameAs(seen.get(1));
  }

  @Test
  void listeners_none_installsNone() {
    assertThat(config(Map.of(HmacConfig.LISTENERS, "none")).listeners()).isEmpty();
  }

  @Test
  void listeners_autoWithNothingInstalled_installsNone() {
    assertThat(config(Map.of()).listeners()).isEmpty();
    assertThat(config(Map.of(HmacConfig.LISTENERS, "auto")).listeners()).isEmpty();
  }

  @Test
  void listeners_aNameNotInstalled_isAConfigurationErrorThatSaysWhatIs() {
    assertThatThrownBy(() -> config(Map.of(HmacConfig.LISTENERS, "micrometer")).listeners())
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessage(
            "hmac.listeners=micrometer: 'micrometer' is not installed; installed: [] (or auto,"
                + " none).");
  }

  @Test
  void verifierBuilder_aNameNotInstalled_failsTheDeployment() {
    HmacConfig config = config(Map.of(HmacConfig.LISTENERS, "prometheus", "hmac.keys.file", ""));
    assertThatThrownBy(config::verifierBuilder)
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("'prometheus' is not installed");
  }

  /**
   * A key of an id no other test used, so that the log's rate limit (10 lines per key id and code a
   * minute, shared by the JVM) cannot hide its rejection line.
   */
  private static HmacKey unseenKey() {
    return key("unseen-" + java.util.UUID.randomUUID(), Algorithm.HMAC_SHA256).build();
  }

  private static HmacConfig config(Map<String, String> properties) {
    return HmacConfig.lookup(properties::get, Map.of());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes down what it is told. */
  static final class Recording implements VerificationListener {
    final List<String> calls = new ArrayList<>();
    final List<KeySource> sources = new ArrayList<>();

    @Override
    public void onVerified(Verified result, RequestView request) {
      calls.add("verified " + result.keyId());
    }

    @Override
    public void onRejected(Rejected result, RequestView request) {
      calls.add("rejected " + result.code().code());
    }

    @Override
    public void onVerifierBuilt(KeySource keySource) {
      sources.add(keySource);
    }
  }

  /** The messages of the logger dev.hmacsigned while open, at INFO and above. */
  static final class Capture extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("dev.hmacsigned");
    private final java.util.logging.Level previous = logger.getLevel();
    private final List<String> messages = new ArrayList<>();

    Capture() {
      logger.setLevel(java.util.logging.Level.INFO);
      logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
      messages.add(record.getMessage());
    }

    synchronized List<String> messages() {
      return List.copyOf(messages);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      logger.removeHandler(this);
      logger.setLevel(previous);
    }
  }
}
