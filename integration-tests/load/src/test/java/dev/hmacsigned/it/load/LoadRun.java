package dev.hmacsigned.it.load;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends signed calls from a fixed number of threads over one JDK {@code HttpClient} (HTTP/1.1,
 * keep-alive: each thread reuses a pooled connection), and checks every answer: status 200 and the
 * expected body, byte for byte. When the prepared calls are sent and {@code keepGoing} still holds,
 * the threads go on with calls signed on the spot (so that whatever runs beside the load, the
 * keys-file rotation, runs under load from start to end).
 */
final class LoadRun {
  private static final Pattern CODE = Pattern.compile("\"code\":\"([a-z_]+)\"");
  private static final int FAILURES_KEPT = 20;

  /**
   * What a run saw.
   *
   * @param sent calls sent
   * @param accepted answered 200 with the expected body
   * @param extra calls signed on the spot after the prepared ones
   * @param millis wall time
   * @param failures how many calls were not accepted
   * @param firstFailures the first {@value #FAILURES_KEPT} of them, described
   */
  record Result(
      int sent, int accepted, int extra, long millis, int failures, List<String> firstFailures) {
    double perSecond() {
      return sent * 1000.0 / Math.max(1, millis);
    }
  }

  private final HttpClient client;
  private final int threads;
  private final AtomicInteger completed = new AtomicInteger();

  LoadRun(HttpClient client, int threads) {
    this.client = client;
    this.threads = threads;
  }

  /** Calls answered so far in the current run, accepted or not. */
  int completed() {
    return completed.get();
  }

  Result run(
      List<SignedCall> prepared, BooleanSupplier keepGoing, IntFunction<SignedCall> onTheSpot)
      throws Exception {
    completed.set(0);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger extra = new AtomicInteger();
    AtomicLong failures = new AtomicLong();
    List<String> firstFailures = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            pool.submit(
                () -> {
                  while (true) {
                    int i = next.getAndIncrement();
                    SignedCall call;
                    if (i < prepared.size()) {
                      call = prepared.get(i);
                    } else if (keepGoing.getAsBoolean()) {
                      call = onTheSpot.apply(i);
                      extra.incrementAndGet();
                    } else {
                      return null;
                    }
                    String failure = send(call);
                    if (failure == null) {
                      accepted.incrementAndGet();
                    } else if (failures.incrementAndGet() <= FAILURES_KEPT) {
                      firstFailures.add("#" + i + " " + call.method() + ": " + failure);
                    }
                    completed.incrementAndGet();
                  }
                }));
      }
      for (Future<?> worker : workers) {
        worker.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    return new Result(
        completed.get(),
        accepted.get(),
        extra.get(),
        millis,
        (int) failures.get(),
        List.copyOf(firstFailures));
  }

  /** Sends one call; {@code null} if it was accepted as expected, otherwise what went wrong. */
  private String send(SignedCall call) {
    HttpResponse<byte[]> response;
    try {
      response = client.send(call.request(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      return "no answer: " + e;
    }
    if (response.statusCode() != 200) {
      String text = new String(response.body(), StandardCharsets.UTF_8);
      Matcher code = CODE.matcher(text);
      return "status " + response.statusCode() + (code.find() ? " code=" + code.group(1) : "");
    }
    if (!Arrays.equals(response.body(), call.expected())) {
      return "200 with another body (" + response.body().length + " bytes)";
    }
    return null;
  }
}
