package dev.hmacsigned.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A server's log as the contract reads it: the file, and the files the server rotated it into
 * before it (GlassFish's {@code server.log_<time>}, WildFly's {@code server.log.1}, Liberty's
 * {@code messages_<time>.log}), so that neither a line looked for nor a secret looked against
 * escapes into an older file.
 */
public final class ServerLog {
  private ServerLog() {}

  /**
   * The log's text, oldest file first. ISO-8859-1 reads any bytes, and what is searched for is
   * ASCII.
   *
   * @param log the server's current log file
   * @return the text of it and of the files rotated from it
   * @throws IOException if a file cannot be read
   */
  public static String text(Path log) throws IOException {
    StringBuilder text = new StringBuilder();
    for (Path file : files(log)) {
      text.append(Files.readString(file, StandardCharsets.ISO_8859_1)).append('\n');
    }
    return text.toString();
  }

  /**
   * What a test that misses a line shows: the log's files with their sizes, the space left where
   * they are, and the last 40 lines written.
   *
   * @param log the server's current log file
   * @return the description
   * @throws IOException if the log cannot be read
   */
  public static String diagnostics(Path log) throws IOException {
    StringBuilder out = new StringBuilder("the server's log files:");
    for (Path file : files(log)) {
      out.append("\n  ").append(file).append(" (").append(Files.size(file)).append(" bytes)");
    }
    out.append("\nusable space there: ")
        .append(Files.getFileStore(log.toAbsolutePath().getParent()).getUsableSpace() >> 20)
        .append(" MiB\nits last lines:\n");
    List<String> lines = text(log).lines().toList();
    lines
        .subList(Math.max(0, lines.size() - 40), lines.size())
        .forEach(l -> out.append("  | ").append(l).append('\n'));
    return out.toString();
  }

  /** The files rotated from the log, oldest first, then the log. */
  static List<Path> files(Path log) throws IOException {
    Path current = log.toAbsolutePath();
    String name = current.getFileName().toString();
    String stem = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
    try (Stream<Path> files = Files.list(current.getParent())) {
      List<Path> all =
          files
              .filter(f -> !f.equals(current) && Files.isRegularFile(f))
              .filter(f -> isRotatedName(f.getFileName().toString(), name, stem))
              .sorted(Comparator.comparing(ServerLog::lastModified))
              .collect(Collectors.toCollection(ArrayList::new));
      all.add(current);
      return all;
    }
  }

  /** {@code server.log_<time>} or {@code server.log.1} for {@code server.log}; Liberty's form. */
  private static boolean isRotatedName(String candidate, String name, String stem) {
    return candidate.startsWith(name) || candidate.startsWith(stem + "_");
  }

  private static FileTime lastModified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }
}
