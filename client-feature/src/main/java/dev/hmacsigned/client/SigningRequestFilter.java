package dev.hmacsigned.client;

import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.SignedHeaders;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URI;

/**
 * Signs requests without an entity, and hands requests with one to {@link
 * SigningWriterInterceptor}, which signs them once the entity is serialized.
 *
 * <p>Runs after the request filters of the standard priorities, so that a header they add can be
 * covered.
 */
@ConstrainedTo(RuntimeType.CLIENT)
final class SigningRequestFilter implements ClientRequestFilter {
  /**
   * The request property under which this filter leaves the request context for the interceptor: a
   * {@link jakarta.ws.rs.ext.WriterInterceptorContext} has neither the method nor the URI.
   */
  static final String REQUEST_PROPERTY = "dev.hmacsigned.client.request";

  static final String AUTHORIZATION = "Authorization";
  static final String CONTENT_DIGEST = "Content-Digest";

  private final ClientSigning signing;

  SigningRequestFilter(ClientSigning signing) {
    this.signing = signing;
  }

  @Override
  public void filter(ClientRequestContext request) {
    URI uri = request.getUri();
    URI normalized = ClientRequestView.withoutDefaultPort(uri);
    if (normalized != uri) {
      request.setUri(normalized);
    }
    request.setProperty(REQUEST_PROPERTY, request);
    if (request.hasEntity()) {
      return; // signed by SigningWriterInterceptor, over the bytes actually written
    }
    HmacSigner signer = signing.signer();
    ClientRequestView view =
        new ClientRequestView(request.getMethod(), request.getUri(), request.getStringHeaders());
    SignedHeaders signed = signer.signWithoutBody(view);
    signing.signed(request.getMethod(), request.getUri(), signed);
    apply(signed, request.getHeaders());
  }

  /** Puts the signature on a request, replacing any earlier one. */
  static void apply(SignedHeaders signed, MultivaluedMap<String, Object> headers) {
    headers.putSingle(AUTHORIZATION, signed.authorization());
    if (signed.contentDigestHeader().isPresent()) {
      headers.putSingle(CONTENT_DIGEST, signed.contentDigestHeader().get());
    } else {
      headers.remove(CONTENT_DIGEST);
    }
  }

  @Override
  public String toString() {
    return "SigningRequestFilter[" + signing + "]";
  }
}
