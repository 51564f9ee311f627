package dev.hmacsigned.it.load;

import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.SignedHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the keys file while the load runs: rewrite {@code k} (1 to {@code rewrites}) waits until
 * the load has answered {@code k × every} calls, then writes the file without key B (odd {@code k})
 * or with it (even {@code k}); key A is in every version. After each rewrite it sends requests
 * signed with B until the server answers as the new file says (200 with B, 401 {@code
 * invalid_signature} without), so that every rewrite is known to have been loaded by the server
 * while the load ran, before the next one is written.
 */
final class KeysFileRotation implements Callable<KeysFileRotation.Result> {
  private static final Pattern CODE = Pattern.compile("\"code\":\"([a-z_]+)\"");
  private static final long SEEN_WITHIN_NANOS = TimeUnit.SECONDS.toNanos(20);

  /**
   * What the rotation did.
   *
   * @param rewrites rewrites of the file, each seen by the server
   * @param withoutB rewrites that took B out
   * @param probesAccepted B-signed probes answered 200
   * @param probesRejected B-signed probes answered 401 {@code invalid_signature}
   * @param slowestMillis the longest a rewrite took to show in the server's answers
   */
  record Result(
      int rewrites, int withoutB, int probesAccepted, int probesRejected, long slowestMillis) {}

  private final Path keysFile;
  private final LoadKeys keys;
  private final HmacSigner signerB;
  private final HttpClient client;
  private final ServerJvm server;
  private final IntSupplier progress;
  private final int rewrites;
  private final int every;
  private volatile boolean done;

  KeysFileRotation(
      Path keysFile,
      LoadKeys keys,
      HttpClient client,
      ServerJvm server,
      IntSupplier progress,
      int rewrites,
      int every) {
    this.keysFile = keysFile;
    this.keys = keys;
    this.signerB = HmacSigner.builder(keys.b()).build();
    this.client = client;
    this.server = server;
    this.progress = progress;
    this.rewrites = rewrites;
    this.every = every;
  }

  /** Whether the last rewrite was written and seen (or the rotation failed). */
  boolean done() {
    return done;
  }

  @Override
  public Result call() throws Exception {
    try {
      int withoutB = 0;
      int accepted = 0;
      int rejected = 0;
      long slowest = 0;
      for (int k = 1; k <= rewrites; k++) {
        while (progress.getAsInt() < k * every) {
          Thread.sleep(2);
        }
        boolean withB = k % 2 == 0;
        if (!withB) {
          withoutB++;
        }
        keys.write(keysFile, withB, k);
        long start = System.nanoTime();
        while (true) {
          int status = probe();
          if (status == 200) {
            accepted++;
          } else {
            rejected++;
          }
          if (status == (withB ? 200 : 401)) {
            break;
          }
          if (System.nanoTime() - start > SEEN_WITHIN_NANOS) {
            throw new AssertionError(
                "rewrite " + k + " (B " + (withB ? "in" : "out") + ") not seen by the server");
          }
          Thread.sleep(10);
        }
        slowest = Math.max(slowest, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      }
      return new Result(rewrites, withoutB, accepted, rejected, slowest);
    } finally {
      done = true;
    }
  }

  /** A GET signed with B: 200 or 401 invalid_signature, anything else fails the rotation. */
  private int probe() throws Exception {
    URI uri = server.uri("/signed/items/probe?key=b");
    SignedHeaders signed = signerB.sign("GET", uri, Map.of(), null);
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri).header("Authorization", signed.authorization()).build(),
            HttpResponse.BodyHandlers.ofString());
    int status = response.statusCode();
    Matcher code = CODE.matcher(response.body());
    if (status == 200
        || (status == 401 && code.find() && code.group(1).equals("invalid_signature"))) {
      return status;
    }
    throw new AssertionError("a B-signed probe got " + status + " " + response.body());
  }
}
