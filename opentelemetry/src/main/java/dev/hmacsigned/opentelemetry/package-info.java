/**
 * OpenTelemetry meters for hmac-signed, through the OpenTelemetry API only: {@link
 * dev.hmacsigned.opentelemetry.HmacOpenTelemetry} records the server's verdicts, latency, clock
 * skew, body sizes and key state; {@link dev.hmacsigned.opentelemetry.HmacClientOpenTelemetry} the
 * client's outcomes. Adding the jar is enough on a server configured from {@code hmac.*} settings:
 * it is installed on {@code GlobalOpenTelemetry} (see {@link
 * dev.hmacsigned.core.HmacConfig#LISTENERS}).
 *
 * <p>Security: attributes carry no secret, signature, nonce or path, and a key id only when the
 * ring holds it.
 */
@NullMarked
package dev.hmacsigned.opentelemetry;

import org.jspecify.annotations.NullMarked;
