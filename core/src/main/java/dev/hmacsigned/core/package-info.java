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
 * SignedHeaders signed = HmacSigner.builder(key).build().sign("GET", uri, headers, null);
 *
 * HmacVerifier verifier = HmacVerifier.builder().keys(KeyRing.of(key)).build();
 * try (VerificationResult result = verifier.verify(request)) { ... }
 * }</pre>
 *
 * <p>Conventions: nothing here is {@code null} unless marked {@code @Nullable} (JSpecify, checked
 * by NullAway in the build). Public methods that may have no answer return {@link
 * java.util.Optional}; only the {@link dev.hmacsigned.core.RequestView} SPI, implemented by
 * adapters on every request, returns {@code @Nullable} values ({@code rawQuery}, {@code
 * authority}), as the frameworks underneath do. Misconfiguration throws {@link
 * dev.hmacsigned.core.HmacConfigurationException}; anything a client sends gives a {@link
 * dev.hmacsigned.core.VerificationResult}, never an exception.
 *
 * <p>This module depends on nothing but the JDK.
 */
@NullMarked
package dev.hmacsigned.core;

import org.jspecify.annotations.NullMarked;
