package dev.hmacsigned.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports CPU time per operation:
 *
 * <ul>
 *   <li>{@code cpu.time.norm}: the CPU time of the benchmark's own threads (JMH's workers) per
 *       operation, in ns;
 *   <li>{@code cpu.process.norm}: the CPU time of the whole JVM per operation, the garbage
 *       collector's work for the allocations included;
 *   <li>{@code cpu.alternating.<name>}: in a benchmark that runs implementations in turns ({@link
 *       Alternating}), the benchmark thread's CPU time per call of each.
 * </ul>
 *
 * <p>Why: on a shared machine other processes take the cores in turns, and wall-clock throughput
 * then measures the load as much as the code (on the machine of {@code docs/performance.md}, the
 * same SHA-256 loop took from 1.6 to 21 µs of wall-clock time per KiB within a minute, and 0.72 to
 * 0.78 µs of thread CPU time). A thread's CPU time counts only the time it ran: two benchmarks run
 * minutes apart can be compared by it.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SignerBenchmark -prof dev.hmacsigned.benchmarks.CpuTimeProfiler
 * </pre>
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private final java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> workerCpuAtStart = new HashMap<>();
  private long processCpuAtStart;

  /** Instantiated by JMH. */
  public CpuTimeProfiler() {}

  @Override
  public String getDescription() {
    return "CPU time per operation: of the benchmark threads, and of the whole JVM";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    workerCpuAtStart.clear();
    workerCpuAtStart.putAll(workerCpuTimes());
    Alternating.drain(); // what warm-up or another benchmark left
    processCpuAtStart = processCpuNanos();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long process = processCpuNanos() - processCpuAtStart;
    long workers = 0;
    for (Map.Entry<Long, Long> now : workerCpuTimes().entrySet()) {
      workers += now.getValue() - workerCpuAtStart.getOrDefault(now.getKey(), 0L);
    }
    double ops = result.getMetadata().getAllOps();
    List<Result> results = new ArrayList<>();
    results.add(new ScalarResult("cpu.time.norm", workers / ops, "ns/op", AggregationPolicy.AVG));
    results.add(
        new ScalarResult("cpu.process.norm", process / ops, "ns/op", AggregationPolicy.AVG));
    Alternating.drain()
        .forEach(
            (name, nanos) ->
                results.add(
                    new ScalarResult(
                        "cpu.alternating." + name, nanos, "ns/op", AggregationPolicy.AVG)));
    return results;
  }

  /** CPU time of every live JMH worker thread (named {@code …-jmh-worker-N}), by thread id. */
  private Map<Long, Long> workerCpuTimes() {
    Map<Long, Long> times = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains("jmh-worker")) {
        long cpu = threads.getThreadCpuTime(info.getThreadId());
        if (cpu >= 0) {
          times.put(info.getThreadId(), cpu);
        }
      }
    }
    return times;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
