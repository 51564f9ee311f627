package dev.hmacsigned.client;

import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.SignedHeaders;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * Signs a request with an entity: lets the entity serialize once into memory while hashing it, puts
 * {@code Authorization} and {@code Content-Digest} on the headers, and only then writes the
 * captured bytes to the connection. The bytes signed are the bytes sent.
 *
 * <p>Why this order works on every JAX-RS client: a client sends its headers when the first byte of
 * the entity reaches the connection (or when the entity is complete, if it buffers), and nothing
 * reaches the connection before the signature is on the headers.
 *
 * <p>The entity is complete at the first of two moments, and is signed and handed on then, once:
 *
 * <ul>
 *   <li>the stream this interceptor gave the chain is closed. RESTEasy Reactive's client (Quarkus)
 *       closes it at the end of the innermost {@code proceed()} and takes the body right away, so
 *       bytes written after {@code proceed()} returns would never be sent; a writer that closes its
 *       stream ends the entity the same way on any client;
 *   <li>{@code proceed()} returned (Jersey, RESTEasy, Apache CXF). An entity coder may have left
 *       its own stream in the context without finishing it (Jersey's {@code GZipEncoder} does):
 *       that stream is closed first, so that its last bytes are in what is signed and sent.
 * </ul>
 *
 * <p>Registered outside the entity coders ({@code Priorities.AUTHENTICATION}, before {@code
 * ENTITY_CODER}): a compressing interceptor writes through this one, so the compressed bytes, which
 * are the bytes on the wire, are the ones signed.
 */
@ConstrainedTo(RuntimeType.CLIENT)
final class SigningWriterInterceptor implements WriterInterceptor {
  private final ClientSigning signing;

  SigningWriterInterceptor(ClientSigning signing) {
    this.signing = signing;
  }

  @Override
  public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
    if (!(context.getProperty(SigningRequestFilter.REQUEST_PROPERTY)
        instanceof ClientRequestContext request)) {
      // Fail closed: never send an entity that this feature was asked to sign, unsigned.
      throw new IllegalStateException(
          "HmacClientFeature: the signing request filter did not run before the entity was"
              + " written; register the feature, not its parts.");
    }
    OutputStream connection = context.getOutputStream();
    Capture capture = new Capture(signing, request, context, connection);
    context.setOutputStream(capture);
    try {
      context.proceed();
      OutputStream last = context.getOutputStream();
      if (last != capture && last != connection) {
        // An encoder left its stream in place: closing it writes its last bytes into the capture
        // and closes the capture, which signs and sends.
        last.close();
      }
      capture.finish();
    } finally {
      context.setOutputStream(connection);
    }
  }

  @Override
  public String toString() {
    return "SigningWriterInterceptor[" + signing + "]";
  }

  /**
   * The entity in memory, hashed as it is written. {@link #finish()} (or {@link #close()}) signs it
   * and writes it to the connection; nothing may be written after that, as it would not be signed.
   * Closing it never closes the connection: the client closes its own stream.
   */
  private static final class Capture extends OutputStream {
    private final ClientSigning signing;
    private final ClientRequestContext request;
    private final WriterInterceptorContext context;
    private final OutputStream connection;
    private final HmacSigner signer;
    private final MessageDigest digest;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
    private boolean finished;

    Capture(
        ClientSigning signing,
        ClientRequestContext request,
        WriterInterceptorContext context,
        OutputStream connection) {
      this.signing = signing;
      this.request = request;
      this.context = context;
      this.connection = connection;
      this.signer = signing.signer();
      this.digest = signer.algorithm().newDigest();
    }

    @Override
    public synchronized void write(int b) throws IOException {
      open();
      buffer.write(b);
      digest.update((byte) b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      open();
      buffer.write(b, off, len);
      digest.update(b, off, len);
    }

    private void open() throws IOException {
      if (finished) {
        throw new IOException(
            "HmacClientFeature: entity bytes written after the entity was signed and sent");
      }
    }

    @Override
    public void flush() {
      // Nothing reaches the connection before the signature is on the headers.
    }

    @Override
    public void close() throws IOException {
      finish();
    }

    /** Signs the entity and writes it to the connection, the first time only. */
    synchronized void finish() throws IOException {
      if (finished) {
        return;
      }
      finished = true;
      // Headers as the client will send them, after every writer and interceptor had its say.
      ClientRequestView view =
          new ClientRequestView(request.getMethod(), request.getUri(), request.getStringHeaders());
      SignedHeaders signed = signer.signWithDigest(view, digest.digest(), buffer.size() == 0);
      signing.signed(request.getMethod(), request.getUri(), signed);
      SigningRequestFilter.apply(signed, context.getHeaders());
      buffer.writeTo(connection);
    }
  }
}
