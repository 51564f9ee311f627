package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** KeyRing.parseKeysFile: the keys file parser of KeySource.keysFile, for tools. */
class KeyRingKeysFileTest {
  private static String secret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Test
  void parseKeysFile_validFile_givesItsKeysInOrder() {
    String text =
        "# two keys\nb.secret=base64:"
            + secret()
            + "\nb.roles=x, y\na.secret=base64:"
            + secret()
            + "\n";

    KeyRing ring = KeyRing.parseKeysFile(text.getBytes(StandardCharsets.UTF_8));

    assertThat(ring.keys()).extracting(HmacKey::id).containsExactly("b", "a");
    assertThat(ring.find("b").orElseThrow().roles()).containsExactlyInAnyOrder("x", "y");
  }

  @Test
  void parseKeysFile_duplicateAttribute_isRefusedNamingTheLineNotItsContent() {
    String first = secret();
    String second = secret();
    String text = "k.secret=base64:" + first + "\nk.secret=base64:" + second + "\n";

    assertThatThrownBy(() -> KeyRing.parseKeysFile(text.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("line 2")
        .hasMessageNotContaining(first)
        .hasMessageNotContaining(second);
  }

  @Test
  void parseKeysFile_noKey_isAnEmptyRing() {
    assertThat(KeyRing.parseKeysFile("# nothing yet\n".getBytes(StandardCharsets.UTF_8)).size())
        .isZero();
  }
}
