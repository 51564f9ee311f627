/**
 * Server side of hmac-signed for Jakarta REST: annotate resources with {@link
 * dev.hmacsigned.jaxrs.HmacSigned} and register (or let the runtime discover) {@link
 * dev.hmacsigned.jaxrs.HmacServerFeature}.
 *
 * <pre>{@code
 * @Path("orders") @HmacSigned
 * public class OrdersResource { ... }
 *
 * new ResourceConfig(OrdersResource.class).register(HmacServerFeature.builder()
 *     .keysFile(Path.of("/etc/hmac/keys.properties")).build());
 * }</pre>
 */
@NullMarked
package dev.hmacsigned.jaxrs;

import org.jspecify.annotations.NullMarked;
