package dev.hmacsigned.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Runs several implementations of one operation in turns, in one thread: a block of calls of the
 * first, then of the second, and so on, and adds up the thread's CPU time of each block to its
 * implementation ({@link CpuTimeProfiler} reports the totals as {@code cpu.alternating.<name>}, ns
 * per call). Implementations that alternate every few milliseconds see the same machine: on a
 * shared machine whose load comes and goes, this is how their ratio is measured in one run.
 */
@State(Scope.Thread)
public class Alternating {
  /**
   * One implementation's call. The benchmark calls each through this interface from one call site
   * that sees them all, so that none is inlined into the benchmark method: each is compiled on its
   * own, as it would be alone, and none runs out of the others' inlining budget.
   */
  @FunctionalInterface
  public interface Call {
    /**
     * Runs one operation.
     *
     * @return its result, for JMH's blackhole
     * @throws Exception if the implementation throws
     */
    Object run() throws Exception;
  }

  private static final Map<String, long[]> TOTALS = new TreeMap<>();

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private int turn;
  private int calls;
  private long blockStart;

  /** Starts each iteration with a new block: a block never spans JMH's work between iterations. */
  @Setup(Level.Iteration)
  public void newBlock() {
    calls = 0;
  }

  /**
   * Runs the implementation whose turn it is.
   *
   * @param names the implementations' names
   * @param calls the implementations, in the same order
   * @param block calls per block
   * @return the call's result
   * @throws Exception if it throws
   */
  Object run(String[] names, Call[] calls, int block) throws Exception {
    return calls[nextTurn(names, block)].run();
  }

  /** The index of the implementation whose turn it is; closes the block that ends. */
  private int nextTurn(String[] names, int block) {
    if (calls == 0) {
      blockStart = threads.getCurrentThreadCpuTime();
    } else if (calls == block) {
      long now = threads.getCurrentThreadCpuTime();
      add(names[turn], now - blockStart, block);
      blockStart = now;
      calls = 0;
      turn = (turn + 1) % names.length;
    }
    calls++;
    return turn;
  }

  private static synchronized void add(String name, long nanos, int calls) {
    long[] total = TOTALS.computeIfAbsent(name, n -> new long[2]);
    total[0] += nanos;
    total[1] += calls;
  }

  /** The totals since the last call, CPU ns per call by implementation; then starts again. */
  static synchronized Map<String, Double> drain() {
    Map<String, Double> perCall = new TreeMap<>();
    TOTALS.forEach((name, total) -> perCall.put(name, (double) total[0] / total[1]));
    TOTALS.clear();
    return perCall;
  }
}
