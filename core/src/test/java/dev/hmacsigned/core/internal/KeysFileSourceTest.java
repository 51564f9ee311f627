package dev.hmacsigned.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.KeyStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reloading keys file, on a ticker the test moves: no test here sleeps. */
class KeysFileSourceTest {
  private static final Duration INTERVAL = Duration.ofSeconds(1);

  @TempDir Path dir;
  private Path file;
  private final AtomicLong nanos = new AtomicLong(-5_000_000_000L); // any origin, even negative
  private final List<LogRecord> warnings = new ArrayList<>();
  private final List<LogRecord> infos = new ArrayList<>();
  private final Logger logger = Logger.getLogger("dev.hmacsigned.keys");
  private final Handler handler =
      new Handler() {
        @Override
        public synchronized void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(record);
          } else if (record.getLevel() == Level.INFO) {
            infos.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void setUp() throws IOException {
    file = dir.resolve("keys.properties");
    write(entry("old", "active"));
    logger.addHandler(handler);
  }

  @AfterEach
  void tearDown() {
    logger.removeHandler(handler);
  }

  @Test
  void current_fileChangedWithinTheInterval_keepsTheRingUntilTheIntervalHasPassed()
      throws IOException {
    KeysFileSource source = new KeysFileSource(file, INTERVAL, nanos::get);
    write(entry("old", "revoked") + entry("new", "active"));

    advance(INTERVAL.minusNanos(1));
    assertThat(ids(source)).containsExactly("old");
    assertThat(source.current().find("old").orElseThrow().status()).isEqualTo(KeyStatus.ACTIVE);

    advance(Duration.ofNanos(1));
    assertThat(ids(source)).containsExactlyInAnyOrder("old", "new");
    assertThat(source.current().find("old").orElseThrow().status()).isEqualTo(KeyStatus.REVOKED);
  }

  @Test
  void current_afterACheck_waitsAWholeIntervalForTheNext() throws IOException {
    KeysFileSource source = new KeysFileSource(file, INTERVAL, nanos::get);
    advance(INTERVAL);
    assertThat(ids(source)).containsExactly("old"); // checked now, unchanged

    advance(Duration.ofMillis(500));
    write(entry("new", "active"));
    assertThat(ids(source)).containsExactly("old");

    advance(Duration.ofMillis(499));
    assertThat(ids(source)).containsExactly("old");

    advance(Duration.ofMillis(1));
    assertThat(ids(source)).containsExactly("new");
  }

  @Test
  void current_zeroInterval_checksOnEveryCall() throws IOException {
    KeysFileSource source = new KeysFileSource(file, Duration.ZERO, nanos::get);
    write(entry("new", "active"));

    assertThat(ids(source)).containsExactly("new");
  }

  @Test
  void current_brokenFile_keepsTheLastGoodRingAndWarnsOncePerContent() throws IOException {
    KeysFileSource source = new KeysFileSource(file, INTERVAL, nanos::get);
    write("old.secret=base64:" + secret(8) + "\n");

    for (int check = 0; check < 3; check++) {
      advance(INTERVAL);
      assertThat(ids(source)).containsExactly("old");
    }
    assertThat(warnings).hasSize(1);

    write("old.status=revoked\n"); // broken differently: no secret
    advance(INTERVAL);
    assertThat(ids(source)).containsExactly("old");
    assertThat(warnings).hasSize(2);

    Files.delete(file);
    advance(INTERVAL);
    assertThat(ids(source)).containsExactly("old");
    advance(INTERVAL);
    assertThat(warnings).hasSize(3);

    write(entry("new", "active"));
    advance(INTERVAL);
    assertThat(ids(source)).containsExactly("new");
  }

  @Test
  void current_fileEmptiedOrLeftWithoutKeys_keepsTheLastGoodRingAndWarns() throws IOException {
    KeysFileSource source = new KeysFileSource(file, INTERVAL, nanos::get);

    write(""); // a rewrite that truncates first, caught halfway
    advance(INTERVAL);
    assertThat(ids(source)).containsExactly("old");
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).getParameters()[2].toString()).contains("no key", "rename");

    write("# keys\n\n");
    advance(INTERVAL);
    assertThat(ids(source)).containsExactly("old");
    assertThat(warnings).hasSize(2);

    write(entry("new", "active"));
    advance(INTERVAL);
    assertThat(ids(source)).containsExactly("new");
  }

  @Test
  void new_emptyFile_failsFastAsAMissingOneDoes() throws IOException {
    write("");
    assertThatThrownBy(() -> new KeysFileSource(file, INTERVAL, nanos::get))
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("no key (it is empty)");
    write("# nothing yet\n");
    assertThatThrownBy(() -> new KeysFileSource(file, INTERVAL, nanos::get))
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("no key (only blank lines and comments)");
  }

  @Test
  void newAndCurrent_loadAndReload_logTheNumberOfKeysAndTheFile() throws IOException {
    KeysFileSource source = new KeysFileSource(file, INTERVAL, nanos::get);
    write(entry("old", "revoked") + entry("new", "active"));
    advance(INTERVAL);
    assertThat(ids(source)).containsExactly("old", "new");

    assertThat(infos)
        .extracting(LogRecord::getMessage)
        .containsExactly("Loaded {0} key(s) from {1}", "Reloaded {0} key(s) from {1}");
    assertThat(infos.get(0).getParameters()).containsExactly(1, file);
    assertThat(infos.get(1).getParameters()).containsExactly(2, file);
    assertThat(source.toString()).contains(file.toString());
  }

  @Test
  void current_afterAReloadOnOneThread_anotherThreadSeesTheNextChange() throws Exception {
    KeysFileSource source = new KeysFileSource(file, INTERVAL, nanos::get);
    write(entry("new", "active"));
    advance(INTERVAL);
    assertThat(ids(source)).containsExactly("new"); // reloaded on this thread

    write(entry("newer", "active"));
    advance(INTERVAL);
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      assertThat(other.submit(() -> ids(source)).get(10, TimeUnit.SECONDS))
          .containsExactly("newer");
    } finally {
      other.shutdownNow();
    }
  }

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  private static List<String> ids(KeysFileSource source) {
    return source.current().keys().stream().map(HmacKey::id).toList();
  }

  private void write(String content) throws IOException {
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private static String entry(String id, String status) {
    return id + ".secret=base64:" + secret(32) + "\n" + id + ".status=" + status + "\n";
  }

  private static String secret(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }
}
