/**
 * Signs the requests of any Jakarta REST client with protocol v1 of hmac-signed: register {@link
 * dev.hmacsigned.client.HmacClientFeature} on the client, and read a refusal with {@link
 * dev.hmacsigned.client.HmacRejection}.
 *
 * <pre>{@code
 * Client client = ClientBuilder.newClient()
 *     .register(HmacClientFeature.builder().key(key).build());
 * try (Response response = client.target("https://api.example.com/orders").request()
 *     .post(Entity.json(order))) {
 *   HmacRejection.from(response).ifPresent(r -> log.warn("refused: {}", r.code()));
 * }
 * }</pre>
 *
 * <p>The feature registers a request filter for requests without an entity and a writer interceptor
 * that signs the serialized entity before a byte of it is sent; both are portable JAX-RS and tested
 * on the Jersey and RESTEasy clients. Signing itself is {@link dev.hmacsigned.core.HmacSigner},
 * shared with every other part of the project.
 *
 * <p>Security: secrets, signatures, canonical strings and bodies never appear in a log line, an
 * exception message or a {@code toString}.
 */
@NullMarked
package dev.hmacsigned.client;

import org.jspecify.annotations.NullMarked;
