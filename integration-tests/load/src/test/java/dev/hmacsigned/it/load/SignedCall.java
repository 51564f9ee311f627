package dev.hmacsigned.it.load;

import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.SignedHeaders;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One signed request of the load and the answer it must get, byte for byte. Request {@code i} is a
 * {@code GET} with a query when {@code i} is even, a {@code POST} of exactly 1 KiB of JSON (with
 * {@code Content-Digest}) when it is odd; every request differs from the others.
 *
 * @param method {@code GET} or {@code POST}
 * @param uri the absolute URI
 * @param body the body, empty for a {@code GET}
 * @param authorization the signed {@code Authorization} value
 * @param contentDigest the {@code Content-Digest} value, or {@code null} for a {@code GET}
 * @param expected the body the server must answer with
 */
record SignedCall(
    String method,
    URI uri,
    byte[] body,
    String authorization,
    String contentDigest,
    byte[] expected) {
  static final String JSON = "application/json";
  static final int POST_BYTES = 1024;

  /**
   * Signs request {@code i} now.
   *
   * @param signer the signer
   * @param server the server
   * @param i the request's number
   */
  static SignedCall of(HmacSigner signer, ServerJvm server, int i) {
    if (i % 2 == 0) {
      String pathAndQuery = "items/" + i + "?q=" + i + "&tag=load&shard=" + (i % 97);
      URI uri = server.uri("/signed/" + pathAndQuery);
      SignedHeaders signed = signer.sign("GET", uri, Map.of(), null);
      return new SignedCall(
          "GET",
          uri,
          new byte[0],
          signed.authorization(),
          null,
          pathAndQuery.getBytes(StandardCharsets.UTF_8));
    }
    byte[] body = json(i);
    URI uri = server.uri("/signed/echo");
    SignedHeaders signed = signer.sign("POST", uri, Map.of("Content-Type", List.of(JSON)), body);
    return new SignedCall(
        "POST",
        uri,
        body,
        signed.authorization(),
        signed.contentDigestHeader().orElseThrow(),
        body);
  }

  /** {@code {"i":<i>,"pad":"<letters>"}}, exactly {@value #POST_BYTES} bytes, different per i. */
  static byte[] json(int i) {
    String head = "{\"i\":" + i + ",\"pad\":\"";
    StringBuilder text = new StringBuilder(POST_BYTES).append(head);
    Random letters = new Random(i);
    while (text.length() < POST_BYTES - 2) {
      text.append((char) ('a' + letters.nextInt(26)));
    }
    return text.append("\"}").toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** The request for the JDK client; built on demand, so that 100,000 calls stay small. */
  HttpRequest request() {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri).header("Authorization", authorization);
    if (method.equals("POST")) {
      return builder
          .header("Content-Type", JSON)
          .header("Content-Digest", contentDigest)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
          .build();
    }
    return builder.GET().build();
  }
}
