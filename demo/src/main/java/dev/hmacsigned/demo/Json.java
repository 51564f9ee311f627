package dev.hmacsigned.demo;

/** The one JSON document the demo writes by hand. */
final class Json {
  private Json() {}

  static String item(String id, String rawQuery) {
    return "{\"id\":"
        + quote(id)
        + ",\"query\":"
        + (rawQuery == null ? "null" : quote(rawQuery))
        + "}";
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
