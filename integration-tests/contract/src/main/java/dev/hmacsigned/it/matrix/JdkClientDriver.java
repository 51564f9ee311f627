package dev.hmacsigned.it.matrix;

import dev.hmacsigned.core.SignedHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JDK's {@code java.net.http.HttpClient}, signing with {@link
 * dev.hmacsigned.core.HmacSigner#sign(String, URI, Map, byte[])}: the signer takes {@code host}
 * from the URI's authority, as the client sends it (in {@code Host} over HTTP/1.1, in {@code
 * :authority} over HTTP/2).
 *
 * <p>Over HTTP/2 the client asks for an h2c upgrade on its first request to a server; a server
 * without h2c answers over HTTP/1.1, and the reply says which version answered.
 */
final class JdkClientDriver implements ClientDriver {
  private final HttpClient.Version version;
  private final HttpClient client;

  JdkClientDriver(HttpClient.Version version) {
    this.version = version;
    this.client =
        HttpClient.newBuilder()
            .version(version)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  @Override
  public String name() {
    return version == HttpClient.Version.HTTP_2 ? "jdk-httpclient-h2c" : "jdk-httpclient-1.1";
  }

  @Override
  public Optional<String> notApplicable(MatrixRequest request, Target target) {
    try {
      URI.create(request.url(target.echoBase()));
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of("java.net.URI refuses the URL: " + e.getMessage());
    }
  }

  /**
   * Sends in order. After two requests to a server got no response in time, the rest to that server
   * are not sent (each fails at once), so that a server that hangs costs seconds, not an hour.
   */
  @Override
  public List<Reply> send(List<Call> calls) {
    List<Reply> replies = new ArrayList<>(calls.size());
    Map<String, Integer> timeouts = new LinkedHashMap<>();
    for (Call call : calls) {
      String target = call.target().name();
      if (timeouts.getOrDefault(target, 0) >= 2) {
        replies.add(Reply.failed("not sent: two earlier requests to this server timed out"));
        continue;
      }
      Reply reply = send(call);
      if (reply.error() != null && reply.error().contains("HttpTimeoutException")) {
        timeouts.merge(target, 1, Integer::sum);
      }
      replies.add(reply);
    }
    return replies;
  }

  private Reply send(Call call) {
    MatrixRequest r = call.request();
    URI uri = URI.create(call.url());
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : r.headers()) {
      headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue());
    }
    SignedHeaders signed = WireSigning.signer(call.key()).sign(r.method(), uri, headers, r.body());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).method(r.method(), body(r));
    headers.forEach((name, values) -> values.forEach(v -> request.header(name, v)));
    request.header("Authorization", signed.authorization());
    signed.contentDigestHeader().ifPresent(d -> request.header("Content-Digest", d));
    try {
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return reply(response);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return Reply.failed(e.getClass().getName() + ": " + e.getMessage());
    }
  }

  /** No body on a bodiless GET, HEAD, DELETE or OPTIONS; an empty POST still says length 0. */
  static HttpRequest.BodyPublisher body(MatrixRequest r) {
    if (!r.hasBody() && List.of("GET", "HEAD", "DELETE", "OPTIONS").contains(r.method())) {
      return HttpRequest.BodyPublishers.noBody();
    }
    return HttpRequest.BodyPublishers.ofByteArray(r.body());
  }

  static Reply reply(HttpResponse<byte[]> response) {
    Map<String, String> headers = new LinkedHashMap<>();
    response
        .headers()
        .map()
        .forEach(
            (name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
    String protocol = response.version() == HttpClient.Version.HTTP_2 ? "HTTP/2" : "HTTP/1.1";
    return new Reply(response.statusCode(), headers, response.body(), protocol, null);
  }
}
