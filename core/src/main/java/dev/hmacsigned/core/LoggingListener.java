package dev.hmacsigned.core;

import dev.hmacsigned.core.internal.HttpText;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The default listener; a class so that the logger is looked up once.
 *
 * <p>Rejections are rate-limited so that a flood cannot fill the disk: per key id and public code,
 * the first {@value #DEFAULT_LINES_PER_WINDOW} rejections of each minute are logged, and the rest
 * are counted. With the first rejection after the minute, one summary line per key id and code
 * gives the number not logged, so no count is lost. At most {@value #DEFAULT_MAX_TRACKED} key ids
 * and codes are counted separately in a minute (key ids are chosen by the client); rejections
 * beyond those are counted per code under {@code keyId=(other)}.
 */
final class LoggingListener implements VerificationListener {
  static final int DEFAULT_LINES_PER_WINDOW = 10;
  static final int DEFAULT_MAX_TRACKED = 256;
  static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);
  static final LoggingListener INSTANCE =
      new LoggingListener(
          InstantSource.system(), DEFAULT_LINES_PER_WINDOW, DEFAULT_WINDOW, DEFAULT_MAX_TRACKED);
  private static final System.Logger LOG = System.getLogger("dev.hmacsigned");
  private static final String OTHER = "(other)";

  private final InstantSource clock;
  private final int linesPerWindow;
  private final long windowMillis;
  private final int maxTracked;
  // Guarded by this: the current window's counts.
  private long windowStart = Long.MIN_VALUE;
  private final Map<Bucket, long[]> counts = new LinkedHashMap<>();
  private final Map<RejectionCode, long[]> overflow = new EnumMap<>(RejectionCode.class);

  private record Bucket(String keyId, RejectionCode code) {}

  LoggingListener(InstantSource clock, int linesPerWindow, Duration window, int maxTracked) {
    this.clock = clock;
    this.linesPerWindow = linesPerWindow;
    this.windowMillis = window.toMillis();
    this.maxTracked = maxTracked;
  }

  @Override
  public void onVerified(VerificationResult.Verified result, RequestView request) {
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(
          Level.DEBUG,
          "HMAC verified: keyId={0} method={1} path={2} remote={3}",
          result.keyId(),
          part(request::method, 16),
          part(request::rawPath, 256),
          part(request::remoteAddress, 64));
    }
  }

  @Override
  public void onRejected(VerificationResult.Rejected result, RequestView request) {
    // A 503 is the server's own fault, for an operator to see.
    Level level = result.code().status() == 503 ? Level.WARNING : Level.INFO;
    if (!LOG.isLoggable(level)) {
      return;
    }
    String keyId = HttpText.forLog(result.keyId().orElse(null), 128);
    List<String> summaries = new ArrayList<>();
    boolean logIt = count(new Bucket(keyId, result.code()), summaries);
    for (String summary : summaries) {
      LOG.log(Level.INFO, summary);
    }
    if (logIt) {
      // On a signature mismatch, the fingerprint of the canonical string this server computed
      // (never the string): an operator compares it with the one the client shows.
      LOG.log(
          level,
          "HMAC rejected: code={0} reason={1} ({2}) keyId={3} method={4} path={5} remote={6}{7}",
          result.code().code(),
          result.reason(),
          result.detail(),
          keyId,
          part(request::method, 16),
          part(request::rawPath, 256),
          part(request::remoteAddress, 64),
          result.canonicalFingerprint().map(f -> " fingerprint=" + f).orElse(""));
    }
  }

  /**
   * A part of the request for the log line. A view may be unable to show it (REQUEST_UNREADABLE is
   * the verdict on such a view): the line is still written, with {@code (unreadable)} in its place.
   */
  private static String part(Supplier<@Nullable String> part, int maxLength) {
    try {
      return HttpText.forLog(part.get(), maxLength);
    } catch (RuntimeException e) {
      return "(unreadable)";
    }
  }

  /** Counts a rejection; whether to log it. Closes a window that is over into summary lines. */
  private synchronized boolean count(Bucket bucket, List<String> summaries) {
    long now = clock.millis();
    if (windowStart == Long.MIN_VALUE || now - windowStart >= windowMillis || now < windowStart) {
      summarize(summaries);
      windowStart = now;
    }
    long[] seen = counts.get(bucket);
    if (seen == null) {
      if (counts.size() < maxTracked) {
        seen = new long[1];
        counts.put(bucket, seen);
      } else {
        overflow.computeIfAbsent(bucket.code(), c -> new long[1])[0]++;
        return false;
      }
    }
    return ++seen[0] <= linesPerWindow;
  }

  private void summarize(List<String> summaries) {
    long seconds = Math.max(1, windowMillis / 1000);
    for (Map.Entry<Bucket, long[]> e : counts.entrySet()) {
      long notLogged = e.getValue()[0] - linesPerWindow;
      if (notLogged > 0) {
        summaries.add(
            summary(e.getKey().code(), e.getKey().keyId(), e.getValue()[0], notLogged, seconds));
      }
    }
    for (Map.Entry<RejectionCode, long[]> e : overflow.entrySet()) {
      summaries.add(summary(e.getKey(), OTHER, e.getValue()[0], e.getValue()[0], seconds));
    }
    counts.clear();
    overflow.clear();
  }

  private static String summary(
      RejectionCode code, String keyId, long total, long notLogged, long seconds) {
    return "HMAC rejected: code="
        + code.code()
        + " keyId="
        + keyId
        + " count="
        + total
        + " in "
        + seconds
        + " s, "
        + notLogged
        + " not logged (rate limit)";
  }
}
