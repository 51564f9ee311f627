package dev.hmacsigned.core.internal;

/**
 * SipHash-2-4 with a 128-bit output (Aumasson and Bernstein, "SipHash: a fast short-input PRF", and
 * the 128-bit variant of the reference implementation): a keyed hash for short inputs, fast enough
 * to run on every request, and a pseudorandom function of its 128-bit key, so that whoever does not
 * know the key cannot choose inputs that collide. The replay store's fingerprint.
 *
 * <p>Not a MAC for the protocol (that is HMAC); allocates nothing. Not thread-safe: the state of a
 * hash in progress is in the instance, so each thread uses an instance of its own.
 */
public final class SipHash128 {
  private final long k0;
  private final long k1;

  /**
   * A hash under a key.
   *
   * @param key 16 bytes, read as two little-endian words, as the reference does
   * @throws IllegalArgumentException if the key is not 16 bytes
   */
  public SipHash128(byte[] key) {
    if (key.length != 16) {
      throw new IllegalArgumentException("a SipHash key is 16 bytes");
    }
    this.k0 = littleEndian(key, 0);
    this.k1 = littleEndian(key, 8);
  }

  /**
   * Hashes bytes.
   *
   * @param data the bytes
   * @param offset where they start
   * @param length how many
   * @param out receives the 128-bit result: {@code out[0]} its first eight bytes and {@code out[1]}
   *     its last eight, each read as a little-endian word
   */
  public void hash(byte[] data, int offset, int length, long[] out) {
    long v0 = k0 ^ 0x736f6d6570736575L;
    long v1 = k1 ^ 0x646f72616e646f6dL ^ 0xeeL;
    long v2 = k0 ^ 0x6c7967656e657261L;
    long v3 = k1 ^ 0x7465646279746573L;
    int words = length >>> 3;
    // Steps 0..words-1: the whole words; step words: the last word (the length in its top byte,
    // the remaining bytes below); then two finalization steps, each ending with half the output.
    for (int step = 0; step <= words + 2; step++) {
      long m = 0;
      int rounds = 4;
      if (step < words) {
        m = littleEndian(data, offset + 8 * step);
        rounds = 2;
      } else if (step == words) {
        m = ((long) length) << 56;
        for (int i = 8 * words, shift = 0; i < length; i++, shift += 8) {
          m |= (data[offset + i] & 0xffL) << shift;
        }
        rounds = 2;
      } else if (step == words + 1) {
        v2 ^= 0xeeL;
      } else {
        out[0] = v0 ^ v1 ^ v2 ^ v3;
        v1 ^= 0xddL;
      }
      v3 ^= m;
      for (int r = 0; r < rounds; r++) {
        v0 += v1;
        v1 = Long.rotateLeft(v1, 13) ^ v0;
        v0 = Long.rotateLeft(v0, 32);
        v2 += v3;
        v3 = Long.rotateLeft(v3, 16) ^ v2;
        v0 += v3;
        v3 = Long.rotateLeft(v3, 21) ^ v0;
        v2 += v1;
        v1 = Long.rotateLeft(v1, 17) ^ v2;
        v2 = Long.rotateLeft(v2, 32);
      }
      v0 ^= m;
    }
    out[1] = v0 ^ v1 ^ v2 ^ v3;
  }

  private static long littleEndian(byte[] b, int off) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[off + i] & 0xffL);
    }
    return v;
  }

  @Override
  public String toString() {
    return "SipHash128[key hidden]";
  }
}
