package dev.hmacsigned.jaxrs;

import jakarta.interceptor.InterceptorBinding;
import jakarta.ws.rs.NameBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires every request to the annotated resource class or method to carry a valid HMAC signature
 * (protocol v1). Unannotated resources are untouched and pay nothing.
 *
 * <pre>{@code
 * @Path("orders")
 * @HmacSigned
 * public class OrdersResource {
 *   @POST
 *   @RolesAllowed("orders.write")
 *   public Response create(Order order, @Context SecurityContext security) { ... }
 * }
 * }</pre>
 *
 * <p>Verification runs at {@code Priorities.AUTHENTICATION}, before the resource method: the
 * signature, timestamp, key, body digest and nonce are checked, then the resource reads exactly the
 * bytes that were signed, and {@code SecurityContext} carries the key's principal and roles. A
 * request that fails gets 401 (413, 503) with an {@code application/problem+json} body naming a
 * public code; the resource is not called.
 *
 * <p>The filter comes from {@link HmacServerFeature}: registered explicitly, or discovered as a
 * provider in a WAR and configured from {@code hmac.keys.file} and the other names of protocol §8.
 *
 * <p>Fail-safe: this is also a CDI interceptor binding. Where resources are CDI beans (Quarkus,
 * Helidon MP, application servers), {@link HmacSignedInterceptor} refuses with 500 a call to an
 * annotated resource method that the filter did not let through, so a feature that was never
 * registered cannot leave the method open in silence. A CDI container then needs an annotated class
 * it can subclass: not {@code final}, and without {@code final} methods.
 */
@NameBinding
@InterceptorBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface HmacSigned {}
