package dev.hmacsigned.core;

import dev.hmacsigned.core.internal.KeysFileSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where a verifier gets its keys. Called once per request, so an implementation must be cheap and
 * thread-safe; a reloading source returns its current ring.
 *
 * <pre>{@code
 * KeySource fixed = KeySource.of(KeyRing.of(key));
 * KeySource file  = KeySource.keysFile(Path.of("/etc/hmac/keys.properties"));
 * }</pre>
 */
@FunctionalInterface
public interface KeySource {

  /**
   * The ring to verify the current request with.
   *
   * @return never {@code null}
   */
  KeyRing current();

  /**
   * A source that always returns the same ring.
   *
   * @param ring the ring
   * @return the source
   */
  static KeySource of(KeyRing ring) {
    Objects.requireNonNull(ring, "ring");
    return () -> ring;
  }

  /**
   * A source backed by a keys file (protocol v1 §7.1), checked for changes at most once a second.
   * The file is read now: a missing or broken file at this point is a configuration error. Later, a
   * broken file keeps the last good ring and logs why.
   *
   * @param file the keys file
   * @return the source
   * @throws HmacConfigurationException if the file cannot be read or is invalid
   */
  static KeySource keysFile(Path file) {
    return keysFile(file, Duration.ofSeconds(1));
  }

  /**
   * A source backed by a keys file, checked for changes at most once per {@code checkInterval}.
   *
   * @param file the keys file
   * @param checkInterval how often a request may trigger a check of the file; zero checks on every
   *     request
   * @return the source
   * @throws HmacConfigurationException if the file cannot be read or is invalid
   */
  static KeySource keysFile(Path file, Duration checkInterval) {
    return new KeysFileSource(file, checkInterval);
  }
}
