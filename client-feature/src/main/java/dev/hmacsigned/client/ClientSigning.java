package dev.hmacsigned.client;

import dev.hmacsigned.core.CanonicalString;
import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.KeySource;
import dev.hmacsigned.core.SignedHeaders;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The state shared by the filters one {@link HmacClientFeature} registers: where the key comes
 * from, the signer built from it, and the learned clock offset. Thread-safe.
 */
final class ClientSigning {
  private static final System.Logger LOG = System.getLogger("dev.hmacsigned.client");

  private final KeySource keys;
  private final @Nullable String keyId; // null: the only active key of the ring
  private final List<String> coveredHeaders;
  private final InstantSource clock;
  private final boolean learnClockOffset;
  private final boolean debug;
  private final InstantSource adjustedClock;
  private volatile long offsetMillis;
  private volatile @Nullable Current current;

  /** The signer for one ring: rebuilt only when the key source hands out a new ring. */
  private record Current(KeyRing ring, HmacKey key, HmacSigner signer) {}

  ClientSigning(
      KeySource keys,
      @Nullable String keyId,
      List<String> coveredHeaders,
      InstantSource clock,
      boolean learnClockOffset,
      boolean debug) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.keyId = keyId;
    this.coveredHeaders = List.copyOf(coveredHeaders);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.learnClockOffset = learnClockOffset;
    this.debug = debug;
    this.adjustedClock = () -> this.clock.instant().plusMillis(offsetMillis);
    signer(); // fail fast: unknown, ambiguous or unusable key, invalid covered header
  }

  /**
   * The signer for the current key. A reloading key source (a keys file) is followed: a new ring
   * gives a new signer.
   *
   * @throws HmacConfigurationException if the key is missing, ambiguous, revoked or expired
   */
  HmacSigner signer() {
    KeyRing ring = keys.current();
    Current c = current;
    if (c == null || c.ring() != ring) {
      HmacKey key = chooseKey(ring);
      HmacSigner signer =
          HmacSigner.builder(key).coveredHeaders(coveredHeaders).clock(adjustedClock).build();
      c = new Current(ring, key, signer);
      current = c;
    }
    Instant now = adjustedClock.instant();
    if (!c.key().isUsableAt(now)) {
      throw new HmacConfigurationException(
          "Key '"
              + c.key().id()
              + "' is revoked or past its not-after: the server would reject every request signed"
              + " with it. Give the client an active key.");
    }
    return c.signer();
  }

  private HmacKey chooseKey(KeyRing ring) {
    if (keyId != null) {
      return ring.find(keyId)
          .orElseThrow(
              () ->
                  new HmacConfigurationException(
                      "No key '"
                          + keyId
                          + "' among the client's keys "
                          + ring
                          + ": fix "
                          + HmacConfig.CLIENT_KEY_ID
                          + " or add the key."));
    }
    Instant now = adjustedClock.instant();
    List<HmacKey> active = new ArrayList<>();
    for (HmacKey key : ring.keys()) {
      if (key.isUsableAt(now)) {
        active.add(key);
      }
    }
    if (active.size() == 1) {
      return active.get(0);
    }
    List<String> ids = new ArrayList<>();
    for (HmacKey key : active) {
      ids.add(key.id());
    }
    throw new HmacConfigurationException(
        (active.isEmpty()
                ? "The client has no active key " + ring + ": add one"
                : "The client has " + active.size() + " active keys " + ids + ": choose one")
            + " with "
            + HmacConfig.CLIENT_KEY_ID
            + " ("
            + HmacConfig.environmentName(HmacConfig.CLIENT_KEY_ID)
            + ") or HmacClientFeature.Builder.keyId(String).");
  }

  /**
   * With the debug option on, logs what was signed at {@code DEBUG}: the canonical string, line for
   * line as {@code hmac-signed verify --explain} prints the server's, and its fingerprint, which a
   * server logs with a signature mismatch. Never the secret or the signature.
   */
  void signed(String method, java.net.URI uri, SignedHeaders signed) {
    if (debug && LOG.isLoggable(Level.DEBUG)) {
      CanonicalString canonical = signed.canonicalString();
      LOG.log(
          Level.DEBUG,
          "HMAC signed {0} {1}: canonical string\n{2}",
          method,
          uri.getRawPath(),
          canonical.debugText());
    }
  }

  boolean learnsClockOffset() {
    return learnClockOffset;
  }

  /**
   * Adopts the server's clock: later signatures carry timestamps of {@code serverTime} plus the
   * time elapsed since.
   */
  void learnServerTime(Instant serverTime) {
    long offset = serverTime.toEpochMilli() - clock.millis();
    long previous = offsetMillis;
    offsetMillis = offset;
    if (Math.abs(offset - previous) >= 1000) {
      LOG.log(
          Level.INFO,
          "The server rejected a stale timestamp; signing with a clock offset of {0} s from now on",
          Long.toString(offset / 1000));
    }
  }

  Duration clockOffset() {
    return Duration.ofMillis(offsetMillis);
  }

  @Override
  public String toString() {
    return "ClientSigning[keyId="
        + (keyId == null ? "(the only active key)" : keyId)
        + ", coveredHeaders="
        + coveredHeaders
        + ", learnClockOffset="
        + learnClockOffset
        + (debug ? ", debug" : "")
        + "]";
  }
}
