package dev.hmacsigned.it.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hmacsigned.client.HmacClientFeature;
import dev.hmacsigned.core.Algorithm;
import dev.hmacsigned.core.HmacKey;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The loop of a JAX-RS client runtime: one request a line of JSON on standard input, one answer a
 * line of JSON on standard output, in order, each flushed.
 *
 * <pre>{@code
 * in:  {"url":"http://...","method":"POST","headers":[["Content-Type","application/json"]],
 *       "body_base64":"...","key_id":"...","secret_base64":"...","algorithm":"HMAC-SHA256"}
 * out: {"status":200,"headers":{"x-body-sha256":"...",...},"body_base64":"...","error":null}
 * }</pre>
 *
 * <p>Each request goes through a client built by the runtime's default {@link ClientBuilder} with
 * {@link HmacClientFeature} registered for the line's key (one client per key, reused). The URL is
 * passed to {@code client.target(url)} exactly as given; the headers are added as given, except
 * {@code Content-Type}, which is the media type of the entity ({@code MediaType.valueOf}); the body
 * is a {@code byte[]} entity. There is no entity when the body is empty and the method is GET,
 * HEAD, DELETE or OPTIONS. An exception is answered with status -1 and {@code error} = its class
 * and message, never with a secret.
 */
public final class JsonLinesClient {
  private static final Set<String> NO_ENTITY_WHEN_EMPTY =
      Set.of("GET", "HEAD", "DELETE", "OPTIONS");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final UnaryOperator<ClientBuilder> configure;
  private final Map<String, Client> clients = new HashMap<>();

  private JsonLinesClient(UnaryOperator<ClientBuilder> configure) {
    this.configure = configure;
  }

  /**
   * Answers the lines of standard input until it ends, then exits.
   *
   * @param name the runtime's name, for standard error
   * @param configure what the runtime sets on its {@link ClientBuilder}, as a user of it would
   * @throws IOException if standard input or output fails
   */
  public static void run(String name, UnaryOperator<ClientBuilder> configure) throws IOException {
    System.err.println(name + ": " + ClientBuilder.newBuilder().getClass().getName());
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    JsonLinesClient loop = new JsonLinesClient(configure);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      if (line.isBlank()) {
        continue;
      }
      out.println(JSON.writeValueAsString(loop.answer(line)));
      out.flush();
    }
    loop.clients.values().forEach(Client::close);
  }

  private ObjectNode answer(String line) {
    String secret = null;
    try {
      JsonNode request = JSON.readTree(line);
      secret = text(request, "secret_base64");
      return send(request, secret);
    } catch (Exception e) {
      ObjectNode answer = JSON.createObjectNode();
      answer.put("status", -1);
      answer.putObject("headers");
      answer.put("body_base64", "");
      answer.put("error", withoutSecret(e.getClass().getName() + ": " + e.getMessage(), secret));
      return answer;
    }
  }

  private ObjectNode send(JsonNode request, String secret) {
    String method = text(request, "method").toUpperCase(Locale.ROOT);
    byte[] body = Base64.getDecoder().decode(request.path("body_base64").asText(""));
    Invocation.Builder builder =
        client(text(request, "key_id"), secret, text(request, "algorithm"))
            .target(text(request, "url"))
            .request();
    String contentType = null;
    for (JsonNode header : request.path("headers")) {
      String headerName = header.get(0).asText();
      String value = header.get(1).asText();
      if (headerName.equalsIgnoreCase("Content-Type")) {
        contentType = value;
      } else {
        builder.header(headerName, value);
      }
    }
    Response response;
    if (body.length == 0 && NO_ENTITY_WHEN_EMPTY.contains(method)) {
      if (contentType != null) {
        builder.header("Content-Type", contentType);
      }
      response = builder.method(method);
    } else {
      MediaType type =
          contentType == null
              ? MediaType.APPLICATION_OCTET_STREAM_TYPE
              : MediaType.valueOf(contentType);
      response = builder.method(method, Entity.entity(body, type));
    }
    try (response) {
      ObjectNode answer = JSON.createObjectNode();
      answer.put("status", response.getStatus());
      Map<String, List<String>> headers = new LinkedHashMap<>();
      response
          .getStringHeaders()
          .forEach(
              (headerName, values) ->
                  headers
                      .computeIfAbsent(headerName.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                      .addAll(values));
      ObjectNode headersOut = answer.putObject("headers");
      headers.forEach(
          (headerName, values) -> headersOut.put(headerName, String.join(", ", values)));
      byte[] entity = response.hasEntity() ? response.readEntity(byte[].class) : new byte[0];
      answer.put("body_base64", Base64.getEncoder().encodeToString(entity));
      answer.putNull("error");
      return answer;
    }
  }

  private Client client(String keyId, String secret, String scheme) {
    // Keyed by the secret too: a line may reuse a key id with another secret (a wrong key).
    return clients.computeIfAbsent(
        scheme + "\n" + keyId + "\n" + secret,
        k -> {
          Algorithm algorithm =
              Algorithm.fromScheme(scheme)
                  .orElseThrow(() -> new IllegalArgumentException("unknown algorithm " + scheme));
          HmacKey key =
              HmacKey.builder(keyId)
                  .secret(Base64.getDecoder().decode(secret))
                  .algorithm(algorithm)
                  .build();
          ClientBuilder builder =
              ClientBuilder.newBuilder()
                  .connectTimeout(10, TimeUnit.SECONDS)
                  .readTimeout(60, TimeUnit.SECONDS);
          return configure
              .apply(builder)
              .register(HmacClientFeature.builder().key(key).build())
              .build();
        });
  }

  private static String text(JsonNode request, String field) {
    JsonNode value = request.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("the request has no text field " + field);
    }
    return value.asText();
  }

  private static String withoutSecret(String message, String secret) {
    return secret == null || secret.isEmpty() ? message : message.replace(secret, "<secret>");
  }
}
