package dev.hmacsigned.it;

import static dev.hmacsigned.it.ContractFixture.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.testing.RawHttpClient;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many callers at once: signed requests from 16 threads are all accepted (no false rejection), and
 * one request replayed from 16 threads at once is accepted exactly once. The first test prints one
 * line, {@code CONCURRENCY <client> client -> <server> server: <accepted>/2000 accepted in <ms> ms
 * (<rate> req/s)}, the figure CI notes quote; it is a figure, not a threshold.
 */
public interface ConcurrencyContract extends ContractConcern {
  @Test
  default void concurrency_2000SignedRequestsOver16Threads_noFalseRejection() throws Exception {
    ContractFixture f = fixture();
    int requests = 2000;
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < requests; i++) {
        int n = i;
        results.add(
            pool.submit(
                () ->
                    n % 2 == 0
                        ? status(f.api().path("items/" + n).queryParam("i", n).request().get())
                        : status(
                            f.api()
                                .path("echo")
                                .request()
                                .post(
                                    Entity.entity(
                                        ("body " + n).getBytes(StandardCharsets.UTF_8),
                                        MediaType.APPLICATION_OCTET_STREAM)))));
      }
      List<Integer> notAccepted = new ArrayList<>();
      for (Future<Integer> result : results) {
        int status = result.get(60, TimeUnit.SECONDS);
        if (status != 200) {
          notAccepted.add(status);
        }
      }
      long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
      System.out.printf(
          "CONCURRENCY %s client -> %s server: %d/%d accepted in %d ms (%.0f req/s)%n",
          f.clientRuntime(),
          f.server().name(),
          requests - notAccepted.size(),
          requests,
          millis,
          requests * 1000.0 / Math.max(1, millis));
      assertThat(notAccepted).as("statuses of correctly signed requests not accepted").isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void concurrency_oneRequestReplayedFrom16Threads_isAcceptedExactlyOnce()
      throws Exception {
    RawHttpClient.Request request = fixture().validRequest();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Callable<Integer>> sends = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        sends.add(() -> request.send().status());
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> s : pool.invokeAll(sends)) {
        statuses.add(s.get());
      }
      assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
      assertThat(statuses).filteredOn(s -> s == 401).hasSize(15);
    } finally {
      pool.shutdownNow();
    }
  }
}
