package dev.hmacsigned.client;

import static dev.hmacsigned.client.TestKeys.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.KeyRing;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Variant;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.WriterInterceptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.glassfish.jersey.message.GZipEncoder;
import org.jboss.resteasy.plugins.interceptors.GZIPEncodingInterceptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * When the entity is complete, on each client: the end of {@code proceed()}, or the close of the
 * stream the signing interceptor handed the chain, whichever comes first. The body is signed and
 * sent once, whole, and a server verifying it receives exactly it. (RESTEasy Reactive's client,
 * Quarkus's, closes the stream inside {@code proceed()} and takes the body at once: the closing
 * writer below does the same on these clients.)
 */
class EntityEndTest {
  private static final String TEXT = "Grüße, 世界! ".repeat(50);

  /** Text, sent with {@code Content-Encoding: gzip}: the clients' gzip encoders then apply. */
  private static final Variant GZIPPED_TEXT =
      new Variant(MediaType.valueOf("text/plain; charset=UTF-8"), (String) null, "gzip");

  private static HmacKey key;
  private static VerifyingServer server;

  @BeforeAll
  static void startServer() throws IOException {
    key = TestKeys.randomKey("entity-end");
    server = new VerifyingServer(KeyRing.of(key));
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  /** An entity whose writer closes the stream it is given when done, as some writers do. */
  record Closing(String text) {}

  /** Writes a {@link Closing} and closes the stream. */
  static final class ClosingWriter implements MessageBodyWriter<Closing> {
    @Override
    public boolean isWriteable(Class<?> type, Type generic, Annotation[] notes, MediaType media) {
      return type == Closing.class;
    }

    @Override
    public void writeTo(
        Closing entity,
        Class<?> type,
        Type generic,
        Annotation[] notes,
        MediaType media,
        MultivaluedMap<String, Object> headers,
        OutputStream out)
        throws IOException {
      out.write(entity.text().getBytes(StandardCharsets.UTF_8));
      out.close();
    }
  }

  @ParameterizedTest
  @EnumSource(ClientKind.class)
  void writerThatClosesItsStream_bodySignedAndSentWhole(ClientKind kind) {
    HmacClientFeature feature = HmacClientFeature.builder().key(key).build();
    try (Client client = kind.builder().register(feature).register(new ClosingWriter()).build();
        Response response =
            client
                .target(server.uri("/api/closing"))
                .request()
                .post(Entity.entity(new Closing(TEXT), "text/x-closing"))) {
      assertThat(response.getStatus())
          .as("rejection: %s", HmacRejection.from(response))
          .isEqualTo(200);
      assertThat(server.lastVerified().body()).isEqualTo(utf8(TEXT));
    }
  }

  @Test
  void jerseyGZipEncoder_leavesItsStreamUnfinished_theWholeGzipIsSignedAndSent()
      throws IOException {
    // Jersey's ContentEncoder wraps the stream and neither finishes nor restores it: the end of
    // the gzip stream is written only when the stream left in the context is closed. Signing the
    // bytes seen when proceed() returns sent 10 bytes of a gzip header, signed.
    HmacClientFeature feature = HmacClientFeature.builder().key(key).build();
    try (Client client =
            ClientKind.JERSEY.builder().register(feature).register(GZipEncoder.class).build();
        Response response =
            client
                .target(server.uri("/api/notes"))
                .request()
                .post(Entity.entity(TEXT, GZIPPED_TEXT))) {
      assertThat(response.getStatus())
          .as("rejection: %s", HmacRejection.from(response))
          .isEqualTo(200);
      assertThat(server.lastVerified().header("Content-Encoding")).isEqualTo("gzip");
      assertThat(gunzip(server.lastVerified().body())).isEqualTo(utf8(TEXT));
    }
  }

  @Test
  void resteasyGzipEncodingInterceptor_theWholeGzipIsSignedAndSent() throws IOException {
    HmacClientFeature feature = HmacClientFeature.builder().key(key).build();
    try (Client client =
            ClientKind.RESTEASY
                .builder()
                .register(feature)
                .register(GZIPEncodingInterceptor.class)
                .build();
        Response response =
            client
                .target(server.uri("/api/notes"))
                .request()
                .post(Entity.entity(TEXT, GZIPPED_TEXT))) {
      assertThat(response.getStatus())
          .as("rejection: %s", HmacRejection.from(response))
          .isEqualTo(200);
      assertThat(gunzip(server.lastVerified().body())).isEqualTo(utf8(TEXT));
    }
  }

  @Test
  void bytesWrittenAfterTheEntityWasSigned_failTheRequest() {
    // RESTEasy hands the writer the stream itself: the writer's close ends the entity, which is
    // signed and sent then. An interceptor inside the signing one that writes after that would
    // send bytes the signature does not cover: the request fails instead.
    HmacClientFeature feature = HmacClientFeature.builder().key(key).build();
    try (Client client =
        ClientKind.RESTEASY
            .builder()
            .register(feature)
            .register(new ClosingWriter())
            .register(WRITES_AFTER_PROCEED, Priorities.ENTITY_CODER)
            .build()) {
      assertThatThrownBy(
              () ->
                  client
                      .target(server.uri("/api/closing"))
                      .request()
                      .post(Entity.entity(new Closing(TEXT), "text/x-closing"))
                      .close())
          .isInstanceOf(ProcessingException.class)
          .hasStackTraceContaining("written after the entity was signed");
    }
  }

  @Test
  void bytesWrittenAfterTheWriterClosedOnJersey_areStillPartOfTheSignedEntity() {
    // Jersey hands the writer an uncloseable wrapper: the entity ends only when proceed()
    // returns, so what an interceptor adds after the writer is signed with the rest.
    HmacClientFeature feature = HmacClientFeature.builder().key(key).build();
    try (Client client =
            ClientKind.JERSEY
                .builder()
                .register(feature)
                .register(new ClosingWriter())
                .register(WRITES_AFTER_PROCEED, Priorities.ENTITY_CODER)
                .build();
        Response response =
            client
                .target(server.uri("/api/closing"))
                .request()
                .post(Entity.entity(new Closing(TEXT), "text/x-closing"))) {
      assertThat(response.getStatus()).isEqualTo(200);
      assertThat(server.lastVerified().body()).isEqualTo(utf8(TEXT + TAIL));
    }
  }

  private static final String TAIL = "| tail";

  /** Writes {@link #TAIL} after the rest of the chain is done. */
  private static final WriterInterceptor WRITES_AFTER_PROCEED =
      context -> {
        context.proceed();
        context.getOutputStream().write(utf8(TAIL));
      };

  private static byte[] gunzip(byte[] gzip) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return in.readAllBytes();
    }
  }
}
