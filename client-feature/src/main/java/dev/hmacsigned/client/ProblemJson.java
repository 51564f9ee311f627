package dev.hmacsigned.client;

import dev.hmacsigned.core.RejectionCode;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the top-level string members of an RFC 9457 problem document ({@code code}, {@code detail},
 * …). A strict, small JSON reader (RFC 8259) so that this module needs no JSON library: anything
 * that is not one well-formed JSON object gives nothing.
 */
final class ProblemJson {
  /** Problem documents of this protocol are about 400 bytes; anything much larger is not one. */
  static final int MAX_BYTES = 16 * 1024;

  private static final int MAX_DEPTH = 32;
  private static final Pattern NUMBER =
      Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

  private final String text;
  private int pos;

  private ProblemJson(String text) {
    this.text = text;
  }

  /** Whether a response's media type may carry a problem document. */
  static boolean isProblemType(MediaType type) {
    return type != null
        && type.getType().equalsIgnoreCase("application")
        && (type.getSubtype().equalsIgnoreCase("problem+json")
            || type.getSubtype().equalsIgnoreCase("json"));
  }

  /**
   * The public code of the protocol rejection a client response carries (401, 413 or 503 with a
   * problem document), read from at most {@link #MAX_BYTES} + 1 bytes of its entity, which is then
   * handed back whole for the caller to read.
   *
   * @return the code, or empty for any other response
   */
  static Optional<RejectionCode> peekCode(ClientResponseContext response) throws IOException {
    int status = response.getStatus();
    if ((status != 401 && status != 413 && status != 503)
        || !response.hasEntity()
        || !isProblemType(response.getMediaType())) {
      return Optional.empty();
    }
    InputStream entity = response.getEntityStream();
    byte[] head = entity.readNBytes(MAX_BYTES + 1);
    response.setEntityStream(new SequenceInputStream(new ByteArrayInputStream(head), entity));
    return head.length <= MAX_BYTES ? code(head) : Optional.empty();
  }

  /**
   * The public code of a problem document.
   *
   * @return the code, or empty if the document is not valid or its code is not one of protocol v1
   */
  static Optional<RejectionCode> code(byte[] json) {
    return members(json).map(m -> m.get("code")).flatMap(RejectionCode::fromCode);
  }

  /**
   * The top-level members whose values are strings.
   *
   * @return the members, or empty if the bytes are not one JSON object in UTF-8 with unique names
   */
  static Optional<Map<String, String>> members(byte[] json) {
    if (json == null || json.length > MAX_BYTES) {
      return Optional.empty();
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(json))
              .toString();
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
    ProblemJson reader = new ProblemJson(text);
    try {
      Map<String, String> strings = new HashMap<>();
      reader.skipWhitespace();
      reader.object(0, strings);
      reader.skipWhitespace();
      if (reader.pos != text.length()) {
        return Optional.empty();
      }
      return Optional.of(Map.copyOf(strings));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Reads an object; with {@code strings} non-null, collects its string members there. */
  private void object(int depth, @Nullable Map<String, String> strings) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("too deep");
    }
    expect('{');
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return;
    }
    Set<String> names = new HashSet<>();
    while (true) {
      skipWhitespace();
      String name = string();
      if (!names.add(name)) {
        throw new IllegalArgumentException("duplicate name");
      }
      skipWhitespace();
      expect(':');
      skipWhitespace();
      if (strings != null && peek() == '"') {
        strings.put(name, string());
      } else {
        value(depth + 1);
      }
      skipWhitespace();
      char c = next();
      if (c == '}') {
        return;
      }
      if (c != ',') {
        throw new IllegalArgumentException("expected , or }");
      }
    }
  }

  private void array(int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("too deep");
    }
    expect('[');
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return;
    }
    while (true) {
      skipWhitespace();
      value(depth + 1);
      skipWhitespace();
      char c = next();
      if (c == ']') {
        return;
      }
      if (c != ',') {
        throw new IllegalArgumentException("expected , or ]");
      }
    }
  }

  private void value(int depth) {
    char c = peek();
    switch (c) {
      case '{' -> object(depth, null);
      case '[' -> array(depth);
      case '"' -> string();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> number();
    }
  }

  private void literal(String word) {
    if (!text.startsWith(word, pos)) {
      throw new IllegalArgumentException("bad literal");
    }
    pos += word.length();
  }

  private void number() {
    int start = pos;
    while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    if (!NUMBER.matcher(text.substring(start, pos)).matches()) {
      throw new IllegalArgumentException("bad number");
    }
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw new IllegalArgumentException("control character in string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (pos + 4 > text.length()) {
            throw new IllegalArgumentException("short \\u escape");
          }
          int code = 0;
          for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos++), 16);
            if (digit < 0) {
              throw new IllegalArgumentException("bad \\u escape");
            }
            code = code * 16 + digit;
          }
          out.append((char) code);
        }
        default -> throw new IllegalArgumentException("bad escape");
      }
    }
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private void expect(char c) {
    if (next() != c) {
      throw new IllegalArgumentException("expected " + c);
    }
  }

  private char peek() {
    if (pos >= text.length()) {
      throw new IllegalArgumentException("unexpected end");
    }
    return text.charAt(pos);
  }

  private char next() {
    char c = peek();
    pos++;
    return c;
  }
}
