package dev.hmacsigned.it.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a layer of the application saw of a request, as {@code name=value} lines: the caller as each
 * API names it, and the body it read (length and SHA-256).
 */
public final class CallerReport {
  private final Map<String, String> lines = new LinkedHashMap<>();

  /** An empty report. */
  public CallerReport() {}

  /**
   * Adds a line.
   *
   * @param name the line's name
   * @param value its value
   * @return this
   */
  public CallerReport add(String name, Object value) {
    lines.put(name, String.valueOf(value));
    return this;
  }

  /**
   * Adds a principal's name, {@code (none)} for none.
   *
   * @param name the line's name
   * @param principal the principal
   * @return this
   */
  public CallerReport principal(String name, Principal principal) {
    return add(name, principal == null ? "(none)" : principal.getName());
  }

  /**
   * Adds the body's length and SHA-256.
   *
   * @param body the bytes the application read
   * @return this
   */
  public CallerReport body(byte[] body) {
    try {
      add("body-length", body.length);
      return add(
          "body-sha256",
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The report as text.
   *
   * @return UTF-8 lines
   */
  public byte[] bytes() {
    StringBuilder text = new StringBuilder();
    lines.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
