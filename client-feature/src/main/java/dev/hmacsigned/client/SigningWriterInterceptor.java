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
    HmacSigner signer = signing.signer();
    MessageDigest digest = signer.algorithm().newDigest();
    Capture capture = new Capture(digest);
    OutputStream connection = context.getOutputStream();
    context.setOutputStream(capture);
    try {
      context.proceed();
    } finally {
      context.setOutputStream(connection);
    }
    // Headers as the client will send them, after every writer and interceptor had its say.
    ClientRequestView view =
        new ClientRequestView(request.getMethod(), request.getUri(), request.getStringHeaders());
    SignedHeaders signed = signer.signWithDigest(view, digest.digest(), capture.size() == 0);
    signing.signed(request.getMethod(), request.getUri(), signed);
    SigningRequestFilter.apply(signed, context.getHeaders());
    capture.writeTo(connection);
  }

  @Override
  public String toString() {
    return "SigningWriterInterceptor[" + signing + "]";
  }

  /** A memory buffer that hashes what it is given; closing it is a no-op, like its parent's. */
  private static final class Capture extends ByteArrayOutputStream {
    private final MessageDigest digest;

    Capture(MessageDigest digest) {
      super(8192);
      this.digest = digest;
    }

    @Override
    public synchronized void write(int b) {
      super.write(b);
      digest.update((byte) b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      super.write(b, off, len);
      digest.update(b, off, len);
    }
  }
}
