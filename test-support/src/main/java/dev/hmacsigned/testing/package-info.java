/**
 * What the project's own tests share, never published: {@link
 * dev.hmacsigned.testing.RawHttpClient}, HTTP/1.1 on a plain socket for requests no HTTP client
 * would send as written.
 */
package dev.hmacsigned.testing;
