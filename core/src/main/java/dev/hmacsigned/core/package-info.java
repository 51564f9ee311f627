/**
 * Protocol v1 of hmac-signed: the canonical request, {@link dev.hmacsigned.core.HmacSigner}, {@link
 * dev.hmacsigned.core.HmacVerifier}, keys ({@link dev.hmacsigned.core.HmacKey}, {@link
 * dev.hmacsigned.core.KeyRing}, {@link dev.hmacsigned.core.KeySource}) and replay protection
 * ({@link dev.hmacsigned.core.ReplayStore}). Framework adapters implement {@link
 * dev.hmacsigned.core.RequestView} and hand it to the verifier; every rule of the protocol lives
 * here, once.
 *
 * <pre>{@code
 * HmacKey key = HmacKey.builder("orders-2026-11").secret(secret).build();
 * SignedHeaders signed = HmacSigner.builder(key).build().sign("GET", "/api/items", "a=1", headers, null);
 *
 * HmacVerifier verifier = HmacVerifier.builder().keys(KeyRing.of(key)).build();
 * VerificationResult result = verifier.verify(request);
 * }</pre>
 *
 * <p>This module depends on nothing but the JDK.
 */
@NullMarked
package dev.hmacsigned.core;

import org.jspecify.annotations.NullMarked;
