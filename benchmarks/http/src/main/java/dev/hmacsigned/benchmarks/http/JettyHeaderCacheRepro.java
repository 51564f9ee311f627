package dev.hmacsigned.benchmarks.http;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;

/**
 * The reproducer of docs/upstream/jetty-header-cache.md: Jetty 12's {@code HttpParser} alone, one
 * parser reused for many requests as one keep-alive connection does, and the CPU time it takes per
 * request (one parser per connection, the connections taking turns; this thread's CPU time, so
 * other load on the machine does not count). The requests are the same {@code GET} with a few
 * common headers, and an {@code Authorization} header that is absent, the same on every request, or
 * different on every request (a per-request signature or token: about 190 characters, as HMAC, JWT
 * and AWS SigV4 schemes send). The parser is tried with {@code headerCacheSize} 1024 (Jetty's
 * default), 0 and a few other values.
 *
 * <p>{@code java -cp <jetty-http, jetty-util, jetty-io and this> ...JettyHeaderCacheRepro
 * [requests] [rounds] [connections]}
 */
public final class JettyHeaderCacheRepro {
  private JettyHeaderCacheRepro() {}

  /**
   * Runs every combination and prints the CPU time per request.
   *
   * @param args how many requests per round (default 20,000), rounds (default 15; the first third
   *     is warm-up) and connections (default 32)
   */
  public static void main(String[] args) {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    int connections = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    int[] cacheSizes = {1024, 0, 128, 4096};
    String[] shapes = {"none", "same", "unique"};
    System.out.printf(
        "Jetty %s, %s; %d connections, %d requests x %d rounds, median of the last %d rounds%n",
        HttpParser.class.getPackage().getImplementationVersion(),
        Runtime.version(),
        connections,
        requests,
        rounds,
        rounds - rounds / 3);
    System.out.printf("%-22s %10s %10s %10s%n", "headerCacheSize", "none", "same", "unique");
    for (int cacheSize : cacheSizes) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-22d", cacheSize));
      for (String shape : shapes) {
        List<ByteBuffer> wire = requests(shape, requests);
        line.append(
            String.format(
                Locale.ROOT, " %8.2f us", perRequestMicros(cacheSize, wire, rounds, connections)));
      }
      System.out.println(line);
    }
  }

  /** {@code GET} requests with common headers and an Authorization header of the given shape. */
  static List<ByteBuffer> requests(String shape, int count) {
    SplittableRandom random = new SplittableRandom(1);
    String same = authorization(random);
    List<ByteBuffer> all = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      StringBuilder r = new StringBuilder(512);
      r.append("GET /api/items/").append(i).append("?q=").append(i).append("&tag=x HTTP/1.1\r\n");
      r.append("Host: 127.0.0.1:8080\r\n");
      r.append("User-Agent: Java-http-client/17.0.17\r\n");
      r.append("Accept: application/json\r\n");
      switch (shape) {
        case "same" -> r.append("Authorization: ").append(same).append("\r\n");
        case "unique" -> r.append("Authorization: ").append(authorization(random)).append("\r\n");
        default -> {}
      }
      r.append("\r\n");
      all.add(ByteBuffer.wrap(r.toString().getBytes(StandardCharsets.US_ASCII)));
    }
    return all;
  }

  /**
   * An HMAC-style Authorization value: key id, timestamp, random nonce and signature (190 chars).
   */
  private static String authorization(SplittableRandom random) {
    StringBuilder nonce = new StringBuilder();
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < 22; i++) {
      nonce.append(alphabet.charAt(random.nextInt(64)));
    }
    StringBuilder signature = new StringBuilder();
    for (int i = 0; i < 64; i++) {
      signature.append("0123456789abcdef".charAt(random.nextInt(16)));
    }
    return "HMAC-SHA256 keyId=\"orders-2026-11\", timestamp=\""
        + (1_763_900_000 + random.nextInt(300))
        + "\", nonce=\""
        + nonce
        + "\", headers=\"host\", signature=\""
        + signature
        + "\"";
  }

  /**
   * Median CPU time per request, in microseconds, of {@code connections} parsers (one per
   * keep-alive connection) taking the requests in turn, each reused for its requests.
   */
  static double perRequestMicros(
      int cacheSize, List<ByteBuffer> wire, int rounds, int connections) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Handler handler = new Handler();
    HttpParser[] parsers = new HttpParser[connections];
    for (int c = 0; c < connections; c++) {
      parsers[c] = new HttpParser(handler);
      parsers[c].setHeaderCacheSize(cacheSize);
    }
    List<Double> times = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      long start = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < wire.size(); i++) {
        HttpParser parser = parsers[i % connections];
        ByteBuffer buffer = wire.get(i).duplicate();
        while (buffer.hasRemaining() && !parser.parseNext(buffer)) {
          // parseNext returns true when the message is complete
        }
        parser.reset();
      }
      long cpu = threads.getCurrentThreadCpuTime() - start;
      if (round >= rounds / 3) {
        times.add(cpu / 1000.0 / wire.size());
      }
    }
    if (handler.messages != (long) rounds * wire.size()) {
      throw new IllegalStateException(handler.messages + " messages parsed");
    }
    times.sort(null);
    return times.get(times.size() / 2);
  }

  /** Counts what it is handed, as a server's handler would look at it. */
  static final class Handler implements HttpParser.RequestHandler {
    long messages;
    long fields;

    @Override
    public void startRequest(String method, String uri, HttpVersion version) {}

    @Override
    public void parsedHeader(HttpField field) {
      fields += field.getValue().length();
    }

    @Override
    public boolean headerComplete() {
      return false;
    }

    @Override
    public boolean content(ByteBuffer item) {
      return false;
    }

    @Override
    public boolean contentComplete() {
      return false;
    }

    @Override
    public boolean messageComplete() {
      messages++;
      return true;
    }

    @Override
    public void earlyEOF() {}
  }
}
