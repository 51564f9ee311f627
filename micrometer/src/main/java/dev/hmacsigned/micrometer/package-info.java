/**
 * Micrometer meters for hmac-signed: {@link dev.hmacsigned.micrometer.HmacMicrometer} records the
 * server's verdicts, latency, clock skew, body sizes and key state; {@link
 * dev.hmacsigned.micrometer.HmacClientMicrometer} the client's outcomes. Adding the jar is enough
 * on a server configured from {@code hmac.*} settings: it is installed on {@code
 * Metrics.globalRegistry} (see {@link dev.hmacsigned.core.HmacConfig#LISTENERS}).
 *
 * <p>Security: tags carry no secret, signature, nonce or path, and a key id only when the ring
 * holds it.
 */
@NullMarked
package dev.hmacsigned.micrometer;

import org.jspecify.annotations.NullMarked;
