package dev.hmacsigned.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.Algorithm;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.KeyRing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** keygen: a valid keys-file block with a fresh secret; an owner-only file, or none. */
class KeygenCommandTest {
  private static final Pattern SECRET = Pattern.compile("\\.secret=base64:(\\S+)");

  @TempDir Path dir;

  private static String secretOf(String block) {
    Matcher m = SECRET.matcher(block);
    assertThat(m.find()).as("a secret line in %s", block.lines().count()).isTrue();
    return m.group(1);
  }

  @Test
  void keygen_withoutOut_printsABlockTheServersParserReadsAsAsked() {
    Run run =
        Run.of(
            "keygen",
            "--id",
            "orders-2026-11",
            "--principal",
            "orders service",
            "--roles",
            "orders.read,orders.write",
            "--not-after",
            "2999-06-30T00:00:00Z");

    assertThat(run.exit()).isZero();
    KeyRing ring = KeyRing.parseKeysFile(run.out().getBytes(StandardCharsets.UTF_8));
    HmacKey key = ring.find("orders-2026-11").orElseThrow();
    assertThat(ring.size()).isEqualTo(1);
    assertThat(key.algorithm()).isEqualTo(Algorithm.HMAC_SHA256);
    assertThat(key.principal()).isEqualTo("orders service");
    assertThat(key.roles()).containsExactlyInAnyOrder("orders.read", "orders.write");
    assertThat(key.notAfter()).contains(Instant.parse("2999-06-30T00:00:00Z"));
    assertThat(Base64.getDecoder().decode(secretOf(run.out()))).hasSize(32);
  }

  @Test
  void keygen_sha512_drawsA64ByteSecretAndEachRunAFreshOne() {
    Run first = Run.of("keygen", "--id", "k", "--algorithm", "HMAC-SHA512");
    Run second = Run.of("keygen", "--id", "k", "--algorithm", "HMAC-SHA512");

    assertThat(Base64.getDecoder().decode(secretOf(first.out()))).hasSize(64);
    assertThat(first.out()).contains("k.algorithm=HMAC-SHA512");
    assertThat(secretOf(first.out())).isNotEqualTo(secretOf(second.out()));
  }

  @Test
  void keygen_out_createsAnOwnerOnlyFileAndAddsLaterKeysToIt() throws IOException {
    Path file = dir.resolve("keys.properties");

    Run first = Run.of("keygen", "--id", "a", "--out", file.toString());
    Run second = Run.of("keygen", "--id", "b", "--roles", "x", "--out", file.toString());

    assertThat(first.exit()).isZero();
    assertThat(second.exit()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    KeyRing ring = KeyRing.parseKeysFile(Files.readAllBytes(file));
    assertThat(ring.keys()).extracting(HmacKey::id).containsExactly("a", "b");
    String content = Files.readString(file);
    assertThat(first.all() + second.all())
        .contains("Added key 'b' (HMAC-SHA256)")
        .doesNotContain(secretOf(content))
        .doesNotContain(secretOf(content.substring(content.indexOf("b.secret"))));
    try (var files = Files.list(dir)) {
      assertThat(files).as("no temporary file left").containsExactly(file);
    }
  }

  @Test
  void keygen_out_fileWithoutFinalLineBreak_getsOneBeforeTheBlock() throws IOException {
    Path file = dir.resolve("keys.properties");
    Run.of("keygen", "--id", "a", "--out", file.toString());
    String content = Files.readString(file);
    Files.writeString(file, content.substring(0, content.length() - 1));

    assertThat(Run.of("keygen", "--id", "b", "--out", file.toString()).exit()).isZero();
    assertThat(KeyRing.parseKeysFile(Files.readAllBytes(file)).size()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-r-----", "rw----r--", "rw-rw----", "rw-r--r--"})
  void keygen_out_fileOthersMayReadOrWrite_isRefusedAndLeftAsItWas(String permissions)
      throws IOException {
    Path file = dir.resolve("keys.properties");
    Run.of("keygen", "--id", "a", "--out", file.toString());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    byte[] before = Files.readAllBytes(file);

    Run run = Run.of("keygen", "--id", "b", "--out", file.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("other users").contains("chmod 600");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(run.all()).doesNotContain("base64:");
  }

  @Test
  void keygen_out_idAlreadyInTheFile_isRefusedWithoutShowingEitherSecret() throws IOException {
    Path file = dir.resolve("keys.properties");
    Run.of("keygen", "--id", "a", "--out", file.toString());
    byte[] before = Files.readAllBytes(file);

    Run run = Run.of("keygen", "--id", "a", "--out", file.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("would not be a valid keys file").contains("line");
    assertThat(run.all()).doesNotContain(secretOf(new String(before, StandardCharsets.UTF_8)));
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void keygen_out_invalidExistingFile_isRefused() throws IOException {
    Path file = dir.resolve("keys.properties");
    Files.writeString(file, "this is not a keys file\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    Run run = Run.of("keygen", "--id", "a", "--out", file.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(Files.readString(file)).isEqualTo("this is not a keys file\n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--id=bad id",
        "--algorithm=HMAC-MD5",
        "--not-after=2020-01-01T00:00:00Z",
        "--not-after=tomorrow",
        "--not-after=2999-01-01T00:00:00.5Z",
        "--principal= padded",
        "--principal=two\nlines",
        "--roles=a,,b"
      })
  void keygen_badValue_isAUsageErrorAndPrintsNoSecret(String option) {
    Run run =
        option.startsWith("--id=")
            ? Run.of("keygen", option)
            : Run.of("keygen", "--id", "k", option);

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.all()).doesNotContain("base64:");
  }

  @Test
  void keygen_withoutId_isAUsageError() {
    Run run = Run.of("keygen");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--id");
  }
}
