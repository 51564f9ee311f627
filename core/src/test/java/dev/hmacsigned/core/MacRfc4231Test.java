package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.internal.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 4231 §4.7 and §4.8 (the test cases whose 131-byte key meets the protocol's minimum secret
 * length for both algorithms), run through the per-key prepared-and-cloned MAC state and through
 * the key's pool of reused MACs.
 */
class MacRfc4231Test {
  static final String CASE_6 = "Test Using Larger Than Block-Size Key - Hash Key First";
  static final String CASE_7 =
      "This is a test using a larger than block-size key and a larger than block-size data. The"
          + " key needs to be hashed before being used by the HMAC algorithm.";

  @ParameterizedTest(name = "RFC 4231 test case {0}, {1}")
  @CsvSource({
    "6, HMAC_SHA256, 60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    "6, HMAC_SHA512, 80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598",
    "7, HMAC_SHA256, 9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
    "7, HMAC_SHA512, e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58"
  })
  void newMac_rfc4231Vector_matchesFromManyThreads(int testCase, Algorithm algorithm, String mac)
      throws Exception {
    byte[] secret = new byte[131];
    Arrays.fill(secret, (byte) 0xaa);
    HmacKey key = HmacKey.builder("rfc4231").secret(secret).algorithm(algorithm).build();
    byte[] data = (testCase == 6 ? CASE_6 : CASE_7).getBytes(StandardCharsets.US_ASCII);

    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      java.util.List<Future<String>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 200; i++) {
        results.add(pool.submit(() -> Hex.encode(key.newMac().doFinal(data))));
      }
      for (Future<String> result : results) {
        assertThat(result.get()).isEqualTo(mac);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest(name = "RFC 4231 test case {0}, {1}, through the key's MAC pool")
  @CsvSource({
    "6, HMAC_SHA256, 60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    "6, HMAC_SHA512, 80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598",
    "7, HMAC_SHA256, 9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
    "7, HMAC_SHA512, e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58"
  })
  void mac_rfc4231Vector_matchesWhenPooledMacsAreReusedByManyThreads(
      int testCase, Algorithm algorithm, String mac) throws Exception {
    byte[] secret = new byte[131];
    Arrays.fill(secret, (byte) 0xaa);
    HmacKey key = HmacKey.builder("rfc4231").secret(secret).algorithm(algorithm).build();
    byte[] text = (testCase == 6 ? CASE_6 : CASE_7).getBytes(StandardCharsets.US_ASCII);
    // The vector's data in the middle of a larger array, and another MAC between two of its own:
    // a pooled MAC must come back reset, whatever it computed before.
    byte[] framed = new byte[text.length + 7];
    System.arraycopy(text, 0, framed, 3, text.length);
    String other = Hex.encode(key.newMac().doFinal(framed));

    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      java.util.List<Future<Boolean>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 64; i++) {
        results.add(
            pool.submit(
                () -> {
                  boolean allMatch = true;
                  for (int j = 0; j < 500; j++) {
                    allMatch &= Hex.encode(key.mac(framed, 3, text.length)).equals(mac);
                    allMatch &= Hex.encode(key.mac(framed, 0, framed.length)).equals(other);
                  }
                  return allMatch;
                }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(Hex.encode(key.mac(framed, 3, text.length))).isEqualTo(mac);
  }
}
