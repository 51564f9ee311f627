package dev.hmacsigned.benchmarks.http;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The top frames of a Java Flight Recorder recording's CPU samples ({@code jdk.ExecutionSample}):
 * by self time (the top frame) and by total time (any frame of the stack), each as a share of all
 * samples. {@code java ... JfrTop <file.jfr> [lines] [only frames whose name contains this]}.
 */
public final class JfrTop {
  private JfrTop() {}

  /**
   * Prints the summary.
   *
   * @param args the recording, and optionally how many lines of each table (25) and a text the
   *     frames shown must contain
   * @throws IOException if the recording cannot be read
   */
  public static void main(String[] args) throws IOException {
    int lines = args.length > 1 ? Integer.parseInt(args[1]) : 25;
    String only = args.length > 2 ? args[2] : "";
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> total = new HashMap<>();
    int samples = 0;
    try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
      while (recording.hasMoreEvents()) {
        RecordedEvent event = recording.readEvent();
        if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
          continue;
        }
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
          continue;
        }
        samples++;
        List<RecordedFrame> frames = stack.getFrames();
        self.merge(name(frames.get(0)), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        for (RecordedFrame frame : frames) {
          if (seen.add(name(frame))) {
            total.merge(name(frame), 1, Integer::sum);
          }
        }
      }
    }
    System.out.printf("%d CPU samples in %s%n", samples, args[0]);
    self.keySet().removeIf(name -> !name.contains(only));
    total.keySet().removeIf(name -> !name.contains(only));
    print("self (top frame)", self, samples, lines);
    print("total (anywhere on the stack)", total, samples, lines);
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  private static void print(String title, Map<String, Integer> counts, int samples, int lines) {
    System.out.println("-- " + title);
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(lines)
        .forEach(
            e ->
                System.out.printf(
                    Locale.ROOT, "%6.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
  }
}
