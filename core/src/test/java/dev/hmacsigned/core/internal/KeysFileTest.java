package dev.hmacsigned.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hmacsigned.core.Algorithm;
import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.KeySource;
import dev.hmacsigned.core.KeyStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The keys file of protocol v1 §7.1, and its reloading source. */
class KeysFileTest {
  static String secret(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  @Test
  void parse_everyAttribute_buildsTheKey() {
    String file =
        "# rotation 2026-11\n"
            + "orders-2026-11.secret=base64:"
            + secret(32)
            + "\n"
            + "# the default\n"
            + "orders-2026-11.algorithm=HMAC-SHA256\n"
            + "orders-2026-11.principal=orders-service\n"
            + "orders-2026-11.roles=orders.read, orders.write\n"
            + "orders-2026-11.status=active\n"
            + "orders-2026-11.not-after=2027-06-01T00:00:00Z\n"
            + "big.key.v2.secret=base64:"
            + secret(64)
            + "\n"
            + "big.key.v2.algorithm=HMAC-SHA512\n"
            + "big.key.v2.status=revoked\n";
    KeyRing ring = KeysFile.parse(file.getBytes(StandardCharsets.UTF_8));
    HmacKey key = ring.find("orders-2026-11").orElseThrow();
    assertThat(key.algorithm()).isEqualTo(Algorithm.HMAC_SHA256);
    assertThat(key.principal()).isEqualTo("orders-service");
    assertThat(key.roles()).containsExactlyInAnyOrder("orders.read", "orders.write");
    assertThat(key.notAfter()).contains(Instant.parse("2027-06-01T00:00:00Z"));
    HmacKey big = ring.find("big.key.v2").orElseThrow();
    assertThat(big.algorithm()).isEqualTo(Algorithm.HMAC_SHA512);
    assertThat(big.status()).isEqualTo(KeyStatus.REVOKED);
    assertThat(big.principal()).isEqualTo("big.key.v2");
  }

  @Test
  void parse_weakSecret_isRefusedWithoutQuotingIt() {
    String weak = secret(16);
    assertThatThrownBy(
            () -> KeysFile.parse(("k.secret=base64:" + weak).getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("at least 32")
        .hasMessageNotContaining(weak);
  }

  @Test
  void parse_hashAfterTheStartOfALine_isPartOfTheValue() {
    String file = "k.secret=base64:" + secret(32) + "\nk.principal=team #1\n# k.status=revoked\n";

    HmacKey key = KeysFile.parse(file.getBytes(StandardCharsets.UTF_8)).find("k").orElseThrow();

    assertThat(key.principal()).isEqualTo("team #1");
    assertThat(key.status()).isEqualTo(KeyStatus.ACTIVE);
  }

  @Test
  void parse_commentAfterAValue_isPartOfItAndMakesTheAlgorithmUnknown() {
    String file =
        "k.secret=base64:" + secret(32) + "\nk.algorithm=HMAC-SHA256      # the default\n";

    assertThatThrownBy(() -> KeysFile.parse(file.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageStartingWith("line 2 gives the algorithm of key 'k'");
  }

  @Test
  void parse_notUtf8_isRefused() {
    byte[] latin1 =
        ("k.secret=base64:" + secret(32) + "\nk.principal=Zo\u00eb\n")
            .getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> KeysFile.parse(latin1))
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("not valid UTF-8");
  }

  /** Every kind of broken line, each carrying a secret where a careless message would show it. */
  static Stream<Arguments> brokenLines() {
    String s = secret(32);
    String good = "k.secret=base64:" + secret(32);
    return Stream.of(
            Arguments.of("bare base64", s, 2),
            Arguments.of("missing '='", "k.secret base64:" + secret(33), 2),
            Arguments.of("':' as separator", "k.secret:base64:" + secret(33), 2),
            Arguments.of("unknown attribute", "k.secret-key=base64:" + s, 2),
            Arguments.of("no key id", "secret=base64:" + s, 2),
            Arguments.of("bad base64 secret", "k2.secret=base64:" + s.replace('=', '*'), 2),
            Arguments.of("secret without prefix", "k2.secret=" + s, 2),
            Arguments.of("secret with a comment", "k2.secret=base64:" + s + " # prod", 2),
            Arguments.of("short secret", "k2.secret=base64:" + s.substring(0, 20), 2),
            Arguments.of("unknown algorithm", "k.algorithm=" + s, 2),
            Arguments.of("bad not-after", "k.not-after=" + s, 2),
            Arguments.of("bad status", "k.status=" + s, 2),
            Arguments.of("bad principal", "k.principal=" + s + "\u0007", 2),
            Arguments.of("backslash", "k.principal=" + s + "\\", 2),
            Arguments.of("duplicate attribute", "k.secret=base64:" + s, 2))
        .map(a -> Arguments.of(a.get()[0], good + "\n" + a.get()[1] + "\n", a.get()[1], s));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenLines")
  void parse_brokenLine_namesTheLineNeverItsContent(
      String kind, String file, String line, String secret) {
    assertThatThrownBy(() -> KeysFile.parse(file.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageStartingWith("line 2 ")
        .hasMessageNotContaining(secret)
        .hasMessageNotContaining(line)
        .hasMessageNotContaining(secret.substring(0, 16));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenLines")
  void keysFile_brokenLine_neitherTheStartupErrorNorTheReloadLogShowsIt(
      String kind, String file, String line, String secret, @TempDir Path dir) throws IOException {
    Path path = dir.resolve("keys.properties");
    Files.writeString(path, file, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> KeySource.keysFile(path))
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining(path + ": line 2 ")
        .hasMessageNotContaining(secret)
        .hasMessageNotContaining(line);

    RecordingHandler logs = RecordingHandler.attach("dev.hmacsigned.keys");
    try {
      Files.writeString(path, "k.secret=base64:" + secret(32) + "\n", StandardCharsets.UTF_8);
      KeySource source = KeySource.keysFile(path, Duration.ZERO);
      Files.writeString(path, file, StandardCharsets.UTF_8);

      assertThat(source.current().find("k")).isPresent();
      assertThat(logs.text())
          .contains("invalid, keeping the last good ring")
          .contains("line 2 ")
          .doesNotContain(secret)
          .doesNotContain(line);
    } finally {
      logs.detach();
    }
  }

  /** A line that starts with the character a rule looks for gets that rule's error. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("linesStartingWithADelimiter")
  void parse_lineStartingWithADelimiter_getsTheErrorOfThatDelimiter(String line, String expected) {
    assertThatThrownBy(() -> KeysFile.parse((line + "\n").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageStartingWith("line 1 ")
        .hasMessageContaining(expected);
  }

  static Stream<Arguments> linesStartingWithADelimiter() {
    return Stream.of(
        Arguments.of("\\k.principal=p", "has a backslash"),
        Arguments.of("=p", "the attribute after the last dot"),
        Arguments.of(".principal=p", "a valid key id"));
  }

  @Test
  void parse_notAfterInTheFirstYear_isAcceptedAndYearZeroIsNot() {
    String secret = "k.secret=base64:" + secret(32) + "\n";
    KeyRing ring =
        KeysFile.parse(
            (secret + "k.not-after=0001-01-01T00:00:00Z\n").getBytes(StandardCharsets.UTF_8));
    assertThat(ring.find("k").orElseThrow().notAfter())
        .contains(Instant.parse("0001-01-01T00:00:00Z"));
    assertThatThrownBy(
            () ->
                KeysFile.parse(
                    (secret + "k.not-after=0000-12-31T23:59:59Z\n")
                        .getBytes(StandardCharsets.UTF_8)))
        .hasMessageStartingWith("line 2 ")
        .hasMessageContaining("not as a UTC instant");
  }

  /** U+001F, U+007F and U+009F end and begin the control ranges C0, DEL and C1. */
  @ParameterizedTest(name = "U+{0}")
  @ValueSource(strings = {"0000", "001F", "007F", "0080", "009F"})
  void parse_principalWithAControlCharacter_isRefused(String hex) {
    String principal = "team" + (char) Integer.parseInt(hex, 16) + "one";
    assertThatThrownBy(
            () ->
                KeysFile.parse(
                    ("k.secret=base64:" + secret(32) + "\nk.principal=" + principal + "\n")
                        .getBytes(StandardCharsets.UTF_8)))
        .hasMessageStartingWith("line 2 ")
        .hasMessageContaining("control character");
  }

  /** Next to the control ranges, and spaces inside a name, are allowed. */
  @ParameterizedTest(name = "U+{0}")
  @ValueSource(strings = {"0020", "007E", "00A0", "00A1", "3000"})
  void parse_principalWithACharacterNextToTheControlRangesInside_isKept(String hex) {
    String principal = "team" + (char) Integer.parseInt(hex, 16) + "one";
    KeyRing ring =
        KeysFile.parse(
            ("k.secret=base64:" + secret(32) + "\nk.principal=" + principal + "\n")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(ring.find("k").orElseThrow().principal()).isEqualTo(principal);
  }

  /**
   * Every White_Space character that is not a control character, at either end of a principal, is
   * refused; its neighbours in the code charts are kept (U+200B, a zero-width space, is not
   * White_Space).
   */
  @ParameterizedTest(name = "U+{0}")
  @ValueSource(
      strings = {
        "00A0", "1680", "2000", "2001", "2005", "2009", "200A", "2028", "2029", "202F", "205F",
        "3000"
      })
  void parse_principalStartingOrEndingWithAWhiteSpaceCharacter_isRefused(String hex) {
    char c = (char) Integer.parseInt(hex, 16);
    for (String principal : new String[] {c + "team", "team" + c}) {
      assertThatThrownBy(() -> parsePrincipal(principal))
          .hasMessageStartingWith("line 2 ")
          .hasMessageContaining("starts or ends with a space character");
    }
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(strings = {"00A1", "167F", "1681", "1FFF", "200B", "2027", "202A", "2030", "3001"})
  void parse_principalStartingOrEndingWithANeighbourOfAWhiteSpaceCharacter_isKept(String hex) {
    char c = (char) Integer.parseInt(hex, 16);
    for (String principal : new String[] {c + "team", "team" + c}) {
      assertThat(parsePrincipal(principal).find("k").orElseThrow().principal())
          .isEqualTo(principal);
    }
  }

  private static KeyRing parsePrincipal(String principal) {
    return KeysFile.parse(
        ("k.secret=base64:" + secret(32) + "\nk.principal=" + principal + "\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void parse_sha512WithShortSecret_isRefused() {
    assertThatThrownBy(
            () ->
                KeysFile.parse(
                    ("k.secret=base64:" + secret(32) + "\nk.algorithm=HMAC-SHA512\n")
                        .getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("at least 64");
  }

  @Test
  void keysFile_rotation_isPickedUpAndABrokenFileKeepsTheLastGoodRing(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("keys.properties");
    String oldSecret = secret(32);
    String newSecret = secret(32);
    Files.writeString(file, "old.secret=base64:" + oldSecret + "\n");
    RecordingHandler logs = RecordingHandler.attach("dev.hmacsigned.keys");
    try {
      KeySource source = KeySource.keysFile(file, Duration.ZERO);
      assertThat(source.current().find("old")).isPresent();

      // Rotation step 1: both keys valid.
      Files.writeString(
          file, "old.secret=base64:" + oldSecret + "\nnew.secret=base64:" + newSecret + "\n");
      assertThat(source.current().keys()).extracting(HmacKey::id).containsExactly("old", "new");

      // Step 2: the old key revoked.
      Files.writeString(
          file,
          "old.secret=base64:"
              + oldSecret
              + "\nold.status=revoked\nnew.secret=base64:"
              + newSecret
              + "\n");
      assertThat(source.current().find("old").orElseThrow().status()).isEqualTo(KeyStatus.REVOKED);

      // A broken file (a weak secret) keeps the last good ring and says why.
      Files.writeString(file, "new.secret=base64:" + secret(8) + "\n");
      KeyRing kept = source.current();
      assertThat(kept.find("new")).isPresent();
      assertThat(kept.find("old").orElseThrow().status()).isEqualTo(KeyStatus.REVOKED);
      assertThat(logs.text()).contains("invalid, keeping the last good ring");

      // A deleted file too.
      Files.delete(file);
      assertThat(source.current().find("new")).isPresent();

      // Secrets never reach the log.
      assertThat(logs.text()).doesNotContain(oldSecret).doesNotContain(newSecret);
    } finally {
      logs.detach();
    }
  }

  @Test
  void keysFile_defaultInterval_readsTheFileAtOnce(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("keys.properties");
    Files.writeString(file, "k.secret=base64:" + secret(32) + "\nk.principal=svc\n");
    assertThat(KeySource.keysFile(file).current().find("k").orElseThrow().principal())
        .isEqualTo("svc");
  }

  @Test
  void keysFile_missingAtStartup_isAConfigurationError(@TempDir Path dir) {
    assertThatThrownBy(() -> KeySource.keysFile(dir.resolve("absent.properties")))
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("Cannot read the keys file");
  }

  /** Captures java.util.logging records, where System.Logger goes by default. */
  static final class RecordingHandler extends Handler {
    private final StringBuilder text = new StringBuilder();
    private final Logger logger;

    private RecordingHandler(Logger logger) {
      this.logger = logger;
    }

    static RecordingHandler attach(String name) {
      Logger logger = Logger.getLogger(name);
      RecordingHandler handler = new RecordingHandler(logger);
      logger.addHandler(handler);
      return handler;
    }

    void detach() {
      logger.removeHandler(this);
    }

    synchronized String text() {
      return text.toString();
    }

    @Override
    public synchronized void publish(LogRecord record) {
      String message = record.getMessage();
      Object[] params = record.getParameters();
      text.append(params == null ? message : java.text.MessageFormat.format(message, params))
          .append('\n');
      if (record.getThrown() != null) {
        text.append(record.getThrown()).append('\n');
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
