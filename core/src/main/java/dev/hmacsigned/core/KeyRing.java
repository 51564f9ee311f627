package dev.hmacsigned.core;

import dev.hmacsigned.core.internal.KeysFile;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable set of keys, looked up by id. A server verifies with any usable key of its ring,
 * which is what makes rotation free of downtime: add the new key, move the clients, revoke the old.
 *
 * <pre>{@code
 * KeyRing ring = KeyRing.of(oldKey, newKey);
 * }</pre>
 */
public final class KeyRing {
  private static final KeyRing EMPTY = new KeyRing(Map.of());

  private final Map<String, HmacKey> keys;

  private KeyRing(Map<String, HmacKey> keys) {
    this.keys = keys;
  }

  /**
   * A ring with no keys: every signed request is rejected.
   *
   * @return the empty ring
   */
  public static KeyRing empty() {
    return EMPTY;
  }

  /**
   * A ring of the given keys.
   *
   * @param keys keys with distinct ids
   * @return the ring
   * @throws HmacConfigurationException if two keys share an id
   */
  public static KeyRing of(HmacKey... keys) {
    return of(List.of(keys));
  }

  /**
   * A ring of the given keys.
   *
   * @param keys keys with distinct ids
   * @return the ring
   * @throws HmacConfigurationException if two keys share an id
   */
  public static KeyRing of(Collection<HmacKey> keys) {
    Map<String, HmacKey> byId = new LinkedHashMap<>();
    for (HmacKey key : keys) {
      if (byId.putIfAbsent(key.id(), key) != null) {
        throw new HmacConfigurationException("Two keys share the id '" + key.id() + "'.");
      }
    }
    return new KeyRing(java.util.Collections.unmodifiableMap(byId));
  }

  /**
   * Parses the content of a keys file (protocol v1 §7.1) with the parser that {@link
   * KeySource#keysFile(java.nio.file.Path)} uses, for a tool that checks a file before writing it
   * ({@code hmac-signed keygen --out} does).
   *
   * <pre>{@code
   * KeyRing ring = KeyRing.parseKeysFile(Files.readAllBytes(path));
   * }</pre>
   *
   * @param content the file's bytes, UTF-8
   * @return the keys, in the order of their first line; empty if the file has none
   * @throws HmacConfigurationException if the content is not a valid keys file; the message names
   *     the line and what is wrong with it, never its content (a secret on the wrong line stays out
   *     of it)
   */
  public static KeyRing parseKeysFile(byte[] content) {
    return KeysFile.parse(content);
  }

  /**
   * Finds a key by id, whatever its status.
   *
   * @param keyId the id from a request
   * @return the key, or empty
   */
  public Optional<HmacKey> find(String keyId) {
    return Optional.ofNullable(keys.get(keyId));
  }

  /**
   * All keys, in the order they were given.
   *
   * @return an immutable collection
   */
  public Collection<HmacKey> keys() {
    return keys.values();
  }

  /**
   * The number of keys.
   *
   * @return the size
   */
  public int size() {
    return keys.size();
  }

  @Override
  public String toString() {
    return "KeyRing" + keys.keySet();
  }
}
