/**
 * hmac-signed for Jakarta Security: {@link dev.hmacsigned.security.HmacAuthenticationMechanism},
 * the application's {@code HttpAuthenticationMechanism}, verifies signed requests (protocol v1) and
 * logs their callers in to the container with the key's principal and roles.
 *
 * <p>Security: a request that claims an HMAC signature reaches the application only once verified;
 * rejections carry the public code of protocol v1 §6 and nothing else.
 */
@NullMarked
package dev.hmacsigned.security;

import org.jspecify.annotations.NullMarked;
