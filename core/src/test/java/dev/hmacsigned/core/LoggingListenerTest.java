package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.VerificationResult.Rejected;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The default listener: its levels, and its rate limit on a clock the test moves. */
class LoggingListenerTest {
  private static final Pattern SUMMARY =
      Pattern.compile("code=(\\S+) keyId=(\\S+) count=(\\d+) in 60 s, (\\d+) not logged");

  private final AtomicLong millis = new AtomicLong(1_000_000);
  private final InstantSource clock = () -> Instant.ofEpochMilli(millis.get());
  private final List<LogRecord> records = new ArrayList<>();
  private final Logger logger = Logger.getLogger("dev.hmacsigned");
  private final Handler handler =
      new Handler() {
        @Override
        public synchronized void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private Level previous;

  @BeforeEach
  void setUp() {
    previous = logger.getLevel();
    logger.setLevel(Level.INFO);
    logger.addHandler(handler);
  }

  @AfterEach
  void tearDown() {
    logger.removeHandler(handler);
    logger.setLevel(previous);
  }

  private final RequestView request = new MapRequestViewForTest();

  @Test
  void onRejected_floodOfOneKeyAndCode_logsTheFirstNThenOneSummaryWithTheCount() {
    LoggingListener listener = new LoggingListener(clock, 10, Duration.ofMinutes(1), 256);
    for (int i = 0; i < 1000; i++) {
      listener.onRejected(rejected(RejectionReason.SIGNATURE_MISMATCH, "orders-1"), request);
    }
    // A different code of the same key has its own quota.
    listener.onRejected(rejected(RejectionReason.TIMESTAMP_OUT_OF_WINDOW, "orders-1"), request);
    assertThat(lines("HMAC rejected: code=invalid_signature reason")).hasSize(10);
    assertThat(lines("reason=TIMESTAMP_OUT_OF_WINDOW")).hasSize(1);
    assertThat(lines("not logged")).isEmpty();

    millis.addAndGet(60_000);
    listener.onRejected(rejected(RejectionReason.SIGNATURE_MISMATCH, "orders-1"), request);

    List<String> summaries = lines("not logged");
    assertThat(summaries).hasSize(1);
    Matcher m = SUMMARY.matcher(summaries.get(0));
    assertThat(m.find()).isTrue();
    assertThat(m.group(1)).isEqualTo("invalid_signature");
    assertThat(m.group(2)).isEqualTo("orders-1");
    assertThat(m.group(3)).isEqualTo("1000");
    assertThat(m.group(4)).isEqualTo("990");
    assertThat(lines("HMAC rejected: code=invalid_signature reason")).hasSize(11);
  }

  @Test
  void onRejected_manyClientChosenKeyIds_tracksABoundedNumberAndCountsTheRest() {
    LoggingListener listener = new LoggingListener(clock, 1, Duration.ofMinutes(1), 8);
    for (int i = 0; i < 10_000; i++) {
      listener.onRejected(rejected(RejectionReason.UNKNOWN_KEY, "made-up-" + i), request);
    }
    assertThat(lines("reason=UNKNOWN_KEY")).hasSize(8);

    millis.addAndGet(60_000);
    listener.onRejected(rejected(RejectionReason.MISSING_AUTHORIZATION, null), request);

    List<String> summaries = lines("not logged");
    assertThat(summaries).hasSize(1);
    Matcher m = SUMMARY.matcher(summaries.get(0));
    assertThat(m.find()).isTrue();
    assertThat(m.group(2)).isEqualTo("(other)");
    assertThat(m.group(3)).isEqualTo(String.valueOf(10_000 - 8));
  }

  @Test
  void onRejected_belowTheLimit_logsEveryRejectionAndNoSummary() {
    LoggingListener listener = new LoggingListener(clock, 10, Duration.ofMinutes(1), 256);
    for (int minute = 0; minute < 3; minute++) {
      for (int i = 0; i < 10; i++) {
        listener.onRejected(rejected(RejectionReason.SIGNATURE_MISMATCH, "k"), request);
      }
      millis.addAndGet(60_000);
    }
    assertThat(lines("HMAC rejected: code=invalid_signature reason")).hasSize(30);
    assertThat(lines("not logged")).isEmpty();
  }

  @Test
  void onRejected_serverFault_isAWarningAndAClientFaultIsInfo() {
    LoggingListener listener = new LoggingListener(clock, 10, Duration.ofMinutes(1), 256);
    listener.onRejected(rejected(RejectionReason.REPLAY_STORE_UNAVAILABLE, "k"), request);
    listener.onRejected(rejected(RejectionReason.SIGNATURE_MISMATCH, "k"), request);
    assertThat(records).extracting(LogRecord::getLevel).containsExactly(Level.WARNING, Level.INFO);
    assertThat(lines("code=replay_store_unavailable")).hasSize(1);
    assertThat(lines("method=POST path=/api remote=-")).hasSize(2); // the view's default address
  }

  @Test
  void onRejected_overflowOfOneWindow_isSummarizedOnceAndNotCarriedIntoTheNext() {
    LoggingListener listener = new LoggingListener(clock, 1, Duration.ofMinutes(1), 2);
    for (String keyId : List.of("a", "b", "c", "d")) { // c and d are past the 2 tracked
      listener.onRejected(rejected(RejectionReason.UNKNOWN_KEY, keyId), request);
    }
    millis.addAndGet(60_000);
    listener.onRejected(rejected(RejectionReason.UNKNOWN_KEY, "a"), request); // summary of 1st
    millis.addAndGet(60_000);
    listener.onRejected(rejected(RejectionReason.UNKNOWN_KEY, "a"), request); // nothing to sum
    List<String> summaries = lines("not logged");
    assertThat(summaries).hasSize(1);
    assertThat(summaries.get(0)).contains("keyId=(other) count=2 ");
    assertThat(lines("reason=UNKNOWN_KEY")).hasSize(4); // a and b, then a in each new window
  }

  @Test
  void onVerified_atDebug_logsTheKeyMethodAndPathAndAtInfoNothing() {
    byte[] secret = new byte[32];
    new java.security.SecureRandom().nextBytes(secret);
    HmacKey key = HmacKey.builder("debug-key").secret(secret).build();
    LoggingListener listener = new LoggingListener(clock, 10, Duration.ofMinutes(1), 256);
    HmacVerifier verifier =
        HmacVerifier.builder()
            .keys(KeyRing.of(key))
            .withoutReplayProtection()
            .listener(listener)
            .build();
    HmacSigner signer = HmacSigner.builder(key).build();
    TestRequest request = new TestRequest("GET", "/api/items", null, new byte[0]);
    request.header("Authorization", signer.signWithoutBody(request).authorization());

    verifier.verify(request).close();
    assertThat(records).isEmpty();

    logger.setLevel(Level.FINE);
    verifier.verify(request).close();
    assertThat(records)
        .singleElement()
        .satisfies(r -> assertThat(r.getLevel()).isEqualTo(Level.FINE));
    assertThat(lines("HMAC verified: keyId=debug-key method=GET path=/api/items")).hasSize(1);
  }

  /**
   * REQUEST_UNREADABLE is the verdict on a view that throws when asked for a part of the request;
   * the listener that logs it must not ask again and fail (its line would be lost, and the verifier
   * would log the listener's stack trace instead).
   */
  @Test
  void onRejected_viewThatCannotShowThePath_isLoggedWithThePathUnreadable() {
    LoggingListener listener = new LoggingListener(clock, 10, Duration.ofMinutes(1), 256);
    RequestView broken =
        new MapRequestViewForTest() {
          @Override
          public String rawPath() {
            throw new IllegalArgumentException("Illegal character in path at index 3");
          }
        };
    listener.onRejected(rejected(RejectionReason.REQUEST_UNREADABLE, null), broken);
    assertThat(lines("reason=REQUEST_UNREADABLE"))
        .singleElement()
        .asString()
        .contains("method=POST path=(unreadable) remote=-");
  }

  @Test
  void logging_theDefaultListener_logsRejections() {
    String keyId = "logging-" + System.nanoTime();
    VerificationListener.logging()
        .onRejected(rejected(RejectionReason.SIGNATURE_MISMATCH, keyId), request);
    assertThat(lines("keyId=" + keyId)).hasSize(1);
  }

  private List<String> lines(String containing) {
    List<String> out = new ArrayList<>();
    for (LogRecord r : records) {
      String text =
          r.getParameters() == null
              ? r.getMessage()
              : java.text.MessageFormat.format(r.getMessage(), r.getParameters());
      if (text.contains(containing)) {
        out.add(text);
      }
    }
    return out;
  }

  private static Rejected rejected(RejectionReason reason, String keyId) {
    return new Rejected(reason, keyId, "test");
  }

  /** A request with nothing but a method and a path. */
  private static class MapRequestViewForTest implements RequestView {
    @Override
    public String method() {
      return "POST";
    }

    @Override
    public String rawPath() {
      return "/api";
    }

    @Override
    public String rawQuery() {
      return null;
    }

    @Override
    public List<String> headers(String name) {
      return List.of();
    }

    @Override
    public java.io.InputStream body() {
      return java.io.InputStream.nullInputStream();
    }
  }
}
