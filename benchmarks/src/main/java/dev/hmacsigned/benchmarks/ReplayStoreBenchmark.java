package dev.hmacsigned.benchmarks;

import dev.hmacsigned.core.InMemoryReplayStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the default {@link InMemoryReplayStore}'s {@code recordIfAbsent} in its steady
 * state: a simulated clock moves 100 µs per call (10,000 requests per simulated second), each nonce
 * is new and expires at its timestamp + 301 s as the verifier sets it with the default skew, so the
 * store holds about 3,010,000 live nonces and drops one second of them every 10,000 calls. The
 * store is filled to that state before measuring. Each call also builds its nonce string and its
 * {@code Instant}, as a verifier would have them. {@code recordIfAbsent_latency} samples the time
 * of single calls, for the tail.
 *
 * <pre>
 * mvn -B -o -f benchmarks/pom.xml package
 * java -jar benchmarks/target/benchmarks.jar ReplayStoreBenchmark -f 1 -wi 2 -i 3 -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ReplayStoreBenchmark {
  private static final long START_MICROS =
      Instant.parse("2026-11-23T12:00:00Z").toEpochMilli() * 1000;

  /** Calls so far; the simulated clock is START + 100 µs per call. */
  final AtomicLong calls = new AtomicLong();

  InMemoryReplayStore store;

  @Setup(Level.Trial)
  public void fill() {
    InstantSource clock = () -> Instant.ofEpochMilli((START_MICROS + 100 * calls.get()) / 1000);
    store = InMemoryReplayStore.builder().clock(clock).build();
    for (int i = 0; i < 3_010_000; i++) {
      record();
    }
  }

  boolean record() {
    long call = calls.getAndIncrement();
    long timestamp = (START_MICROS + 100 * call) / 1_000_000;
    return store.recordIfAbsent(
        "bench-key", Long.toString(call, 36), Instant.ofEpochSecond(timestamp + 301));
  }

  /**
   * One thread.
   *
   * @return whether the nonce was new (always)
   */
  @Benchmark
  @Threads(1)
  public boolean recordIfAbsent_1thread() {
    return record();
  }

  /**
   * Two threads on the same store.
   *
   * @return whether the nonce was new (always)
   */
  @Benchmark
  @Threads(2)
  public boolean recordIfAbsent_2threads() {
    return record();
  }

  /**
   * One thread, the time of single calls as JMH samples them: the tail (p99.99, the maximum) is
   * what a call waits when a second of nonces expires or a structure grows, with every other call
   * waiting for the same lock.
   *
   * @return whether the nonce was new (always)
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @Threads(1)
  public boolean recordIfAbsent_latency() {
    return record();
  }
}
