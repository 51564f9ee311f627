package dev.hmacsigned.it.matrix;

import dev.hmacsigned.it.ContractKeys;
import dev.hmacsigned.it.RawHttp;
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
 * Sends a request with the signature of another: signs one spelling with {@link
 * dev.hmacsigned.core.HmacSigner} and puts another on the wire.
 */
abstract class TamperSender {
  private TamperSender() {}

  abstract String name();

  /** Why this sender cannot send a case, if it cannot. */
  abstract Optional<String> notApplicable(TamperCase tamper);

  /**
   * Signs {@code signed} and sends {@code sent} with that signature.
   *
   * @param changeHost send {@code Host: localhost:<port>} instead of the signed authority
   */
  abstract Reply send(
      Target target,
      MatrixRequest signed,
      MatrixRequest sent,
      boolean changeHost,
      ContractKeys.Key key);

  /** The JDK {@code HttpClient} over HTTP/1.1: it sends the URI as written. */
  static TamperSender jdk() {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    return new TamperSender() {
      @Override
      String name() {
        return "tamper-jdk-httpclient";
      }

      @Override
      Optional<String> notApplicable(TamperCase tamper) {
        return tamper.changesHost()
            ? Optional.of("HttpClient does not let a caller set Host (a restricted header)")
            : Optional.empty();
      }

      @Override
      Reply send(
          Target target,
          MatrixRequest signed,
          MatrixRequest sent,
          boolean changeHost,
          ContractKeys.Key key) {
        List<Map.Entry<String, String>> lines = WireSigning.signedHeaders(signed, target, key);
        HttpRequest.Builder request =
            HttpRequest.newBuilder(URI.create(sent.url(target.echoBase())))
                .timeout(Duration.ofSeconds(30))
                .method(sent.method(), JdkClientDriver.body(sent));
        for (Map.Entry<String, String> h : wireHeaders(lines, signed, sent)) {
          if (!h.getKey().equalsIgnoreCase("Host")) {
            request.header(h.getKey(), h.getValue());
          }
        }
        try {
          return JdkClientDriver.reply(
              client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
        } catch (Exception e) {
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
          }
          return Reply.failed(e.getClass().getName() + ": " + e.getMessage());
        }
      }
    };
  }

  /** A raw socket: exactly the bytes written, for spellings an HTTP client would not send. */
  static TamperSender raw() {
    return new TamperSender() {
      @Override
      String name() {
        return "tamper-raw-socket";
      }

      @Override
      Optional<String> notApplicable(TamperCase tamper) {
        return Optional.empty();
      }

      @Override
      Reply send(
          Target target,
          MatrixRequest signed,
          MatrixRequest sent,
          boolean changeHost,
          ContractKeys.Key key) {
        List<Map.Entry<String, String>> lines = new ArrayList<>();
        for (Map.Entry<String, String> h :
            wireHeaders(WireSigning.signedHeaders(signed, target, key), signed, sent)) {
          if (changeHost && h.getKey().equalsIgnoreCase("Host")) {
            lines.add(Map.entry("Host", "localhost:" + target.port()));
          } else {
            lines.add(h);
          }
        }
        try {
          RawHttp.Reply reply =
              RawHttp.send(
                  target.port(),
                  sent.method(),
                  sent.requestTarget(target.echoBase()),
                  lines,
                  sent.body());
          Map<String, String> headers = new LinkedHashMap<>();
          reply
              .headers()
              .forEach((n, v) -> headers.put(n.toLowerCase(Locale.ROOT), String.join(", ", v)));
          return new Reply(reply.status(), headers, reply.body(), "HTTP/1.1", null);
        } catch (Exception e) {
          return Reply.failed(e.getClass().getName() + ": " + e.getMessage());
        }
      }
    };
  }

  /**
   * The signed request's header lines with the sent request's own headers in place of the signed
   * ones: {@code Host}, {@code Authorization} and {@code Content-Digest} stay as signed.
   */
  static List<Map.Entry<String, String>> wireHeaders(
      List<Map.Entry<String, String>> signedLines, MatrixRequest signed, MatrixRequest sent) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (Map.Entry<String, String> h : signedLines) {
      boolean own =
          signed.headers().stream().anyMatch(s -> s.getKey().equalsIgnoreCase(h.getKey()));
      if (!own) {
        out.add(h);
      }
    }
    out.addAll(sent.headers());
    return out;
  }
}
