package dev.hmacsigned.benchmarks;

import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;

/**
 * A check of the signing ratio outside JMH: hmac-signed and the raw-JDK floor in turns, in one
 * plain loop, blocks of calls each, the thread's CPU time of each block added up. Eight rounds of
 * 200,000 signings each, printed as they end (the first rounds include the JIT's warm-up).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.hmacsigned.benchmarks.SideBySideCheck POST 100
 * </pre>
 */
public final class SideBySideCheck {
  private SideBySideCheck() {}

  /**
   * Runs the check.
   *
   * @param args the shape ({@code GET} or {@code POST}) and the calls per block
   * @throws Exception if a signer cannot be made
   */
  public static void main(String[] args) throws Exception {
    Shape shape = Shape.valueOf(args.length > 0 ? args[0] : "GET");
    int block = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    byte[] secret = Keys.secret();
    RawSigner raw = new RawSigner(Keys.KEY_ID, secret);
    HmacSigner library =
        HmacSigner.builder(HmacKey.builder(Keys.KEY_ID).secret(secret).build()).build();
    Map<String, List<String>> headers = shape.headers();
    int blackhole = 0;
    for (int round = 1; round <= 8; round++) {
      long rawNanos = 0;
      long libraryNanos = 0;
      long calls = 0;
      for (int k = 0; k < 200_000 / block; k++) {
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < block; i++) {
          blackhole +=
              raw.sign(
                      shape.method,
                      shape.path,
                      shape.query,
                      Shape.HOST,
                      shape.contentType,
                      shape.body)
                  .authorization()
                  .length();
        }
        long middle = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < block; i++) {
          blackhole +=
              library
                  .sign(shape.method, shape.path, shape.query, headers, shape.body)
                  .authorization()
                  .length();
        }
        long end = threads.getCurrentThreadCpuTime();
        rawNanos += middle - start;
        libraryNanos += end - middle;
        calls += block;
      }
      System.out.printf(
          "round %d, %s, blocks of %d: floor %.0f ns, hmac-signed %.0f ns of CPU per signing;"
              + " hmac-signed / floor speed %.2f%n",
          round,
          shape,
          block,
          rawNanos / (double) calls,
          libraryNanos / (double) calls,
          rawNanos / (double) libraryNanos);
    }
    System.out.println(blackhole == 42 ? "" : "done");
  }
}
