package dev.hmacsigned.client;

import dev.hmacsigned.core.RejectionCode;
import org.jspecify.annotations.Nullable;

/**
 * Told of the answer to every request an {@link HmacClientFeature} signed, for metrics: the status,
 * and the server's rejection code when it refused the request under protocol v1 (401, 413 or 503
 * with a problem document, as {@link HmacRejection} reads it). Register it with {@link
 * HmacClientFeature.Builder#listener(HmacClientListener)}.
 *
 * <pre>{@code
 * Client client = ClientBuilder.newClient().register(HmacClientFeature.builder()
 *     .key(key)
 *     .listener(HmacMicrometer.clientListener(registry))
 *     .build());
 * }</pre>
 *
 * <p>Called on the thread that receives the response, before the caller sees it: keep it quick and
 * let it not throw (what it throws is logged and ignored). A request that gets no response (the
 * connection failed) is not reported: the caller gets the client's exception.
 */
@FunctionalInterface
public interface HmacClientListener {

  /**
   * Called with each response to a signed request.
   *
   * @param status the HTTP status
   * @param rejection the protocol code the server refused the request with, or {@code null} when
   *     the response is not a rejection of the protocol (a success, or any other error)
   */
  void onResponse(int status, @Nullable RejectionCode rejection);
}
