package dev.hmacsigned.core.internal;

import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.KeySource;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A keys file that is re-read when it changes. Checks run on the request path, at most once per
 * interval, and only one thread checks at a time; the others keep using the current ring, so a slow
 * disk never stalls verification. A file that becomes unreadable or invalid, or has no key (empty,
 * or truncated by a rewrite that is not atomic), keeps the last good ring and logs why, once per
 * distinct broken content. At startup such a file is an error, as a missing one is.
 *
 * <p>Time comes from a ticker of nanoseconds ({@link System#nanoTime()} outside tests), so that a
 * test can step over the check interval instead of sleeping through it.
 */
public final class KeysFileSource implements KeySource {
  private static final System.Logger LOG = System.getLogger("dev.hmacsigned.keys");

  private final Path file;
  private final long intervalNanos;
  private final LongSupplier ticker;
  private final ReentrantLock checking = new ReentrantLock();
  private volatile KeyRing ring;
  private volatile long nextCheck;
  private byte[] lastSeen; // fingerprint of the last content read, good or broken (guarded by lock)

  /**
   * Reads the file now and follows it on the system's monotonic clock.
   *
   * @param file the keys file
   * @param checkInterval how often a request may trigger a check of the file
   * @throws HmacConfigurationException if the file cannot be read, is invalid or has no key
   */
  public KeysFileSource(Path file, Duration checkInterval) {
    this(file, checkInterval, System::nanoTime);
  }

  /** Reads the file now and follows it on {@code ticker}, a monotonic clock in nanoseconds. */
  KeysFileSource(Path file, Duration checkInterval, LongSupplier ticker) {
    this.file = Objects.requireNonNull(file, "file");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    if (checkInterval.isNegative()) {
      throw new HmacConfigurationException("The keys file check interval must not be negative.");
    }
    this.intervalNanos = checkInterval.toNanos();
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new HmacConfigurationException(
          "Cannot read the keys file " + file + " (" + e.getClass().getSimpleName() + ").", e);
    }
    try {
      this.ring = parseWithKeys(content);
    } catch (HmacConfigurationException e) {
      throw new HmacConfigurationException("Keys file " + file + ": " + e.getMessage(), e);
    }
    this.lastSeen = fingerprint(content);
    this.nextCheck = ticker.getAsLong() + intervalNanos;
    LOG.log(Level.INFO, "Loaded {0} key(s) from {1}", ring.size(), file);
  }

  @Override
  public KeyRing current() {
    if (ticker.getAsLong() - nextCheck >= 0 && checking.tryLock()) {
      try {
        reloadIfChanged();
      } finally {
        nextCheck = ticker.getAsLong() + intervalNanos;
        checking.unlock();
      }
    }
    return ring;
  }

  private void reloadIfChanged() {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      byte[] marker = fingerprint(new byte[] {'!'});
      if (!Arrays.equals(marker, lastSeen)) {
        lastSeen = marker;
        LOG.log(
            Level.WARNING,
            "Cannot read the keys file {0} ({1}); keeping the last good ring of {2} key(s)",
            file,
            e.getClass().getSimpleName(),
            ring.size());
      }
      return;
    }
    byte[] seen = fingerprint(content);
    if (Arrays.equals(seen, lastSeen)) {
      return;
    }
    lastSeen = seen;
    try {
      ring = parseWithKeys(content);
      LOG.log(Level.INFO, "Reloaded {0} key(s) from {1}", ring.size(), file);
    } catch (HmacConfigurationException e) {
      LOG.log(
          Level.WARNING,
          "Keys file {0} is invalid, keeping the last good ring of {1} key(s): {2}",
          file,
          ring.size(),
          e.getMessage());
    }
  }

  /**
   * Parses the file and refuses one without a key. A keys file with no key is what a reader sees
   * halfway through a rewrite that is not atomic (truncated, then written): taken as a ring, it
   * would reject every request until the writer is done.
   */
  private static KeyRing parseWithKeys(byte[] content) {
    KeyRing parsed = KeysFile.parse(content);
    if (parsed.size() == 0) {
      throw new HmacConfigurationException(
          "the file has no key ("
              + (content.length == 0 ? "it is empty" : "only blank lines and comments")
              + "); a keys file is replaced atomically: write a new file, then rename it over this"
              + " one.");
    }
    return parsed;
  }

  private static byte[] fingerprint(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java SE runtime", e);
    }
  }

  @Override
  public String toString() {
    return "KeysFileSource[" + file + "]";
  }
}
