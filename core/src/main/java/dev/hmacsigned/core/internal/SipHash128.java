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
  private long v0;
  private long v1;
  private long v2;
  private long v3;

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
    v0 = k0 ^ 0x736f6d6570736575L;
    v1 = k1 ^ 0x646f72616e646f6dL ^ 0xeeL;
    v2 = k0 ^ 0x6c7967656e657261L;
    v3 = k1 ^ 0x7465646279746573L;
    int end = offset + length;
    int words = end - (length & 7);
    for (int i = offset; i < words; i += 8) {
      compress(littleEndian(data, i));
    }
    long last = ((long) length) << 56;
    for (int i = words, shift = 0; i < end; i++, shift += 8) {
      last |= (data[i] & 0xffL) << shift;
    }
    compress(last);
    v2 ^= 0xeeL;
    rounds(4);
    out[0] = v0 ^ v1 ^ v2 ^ v3;
    v1 ^= 0xddL;
    rounds(4);
    out[1] = v0 ^ v1 ^ v2 ^ v3;
  }

  /** One message word: SipHash-2-4 takes two rounds per word. */
  private void compress(long m) {
    v3 ^= m;
    rounds(2);
    v0 ^= m;
  }

  private void rounds(int n) {
    for (int r = 0; r < n; r++) {
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
