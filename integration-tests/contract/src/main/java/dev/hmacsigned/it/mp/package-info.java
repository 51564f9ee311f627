/**
 * The MicroProfile Rest Client as a signing client: {@link dev.hmacsigned.it.mp.SignedApi}, an
 * interface with {@code @RegisterProvider(HmacClientFeature.class)} that reads its key from {@code
 * hmac.client.*} in MicroProfile Config, and {@link dev.hmacsigned.it.mp.RestClientProbe}, an
 * unsigned resource through which a test drives that client inside a runtime (Quarkus, Helidon)
 * against the runtime's own signed resources. {@link dev.hmacsigned.it.mp.RestClientContract} holds
 * the tests.
 */
package dev.hmacsigned.it.mp;
