/**
 * What the project's own tests share, never published: {@link
 * dev.hmacsigned.testing.RawHttpClient}, HTTP/1.1 on a plain socket for requests no HTTP client
 * would send as written; {@link dev.hmacsigned.testing.SimultaneousRequests}, one request raced on
 * many connections; {@link dev.hmacsigned.testing.ProcessOutput}, what a server process prints; and
 * {@link dev.hmacsigned.testing.RedisServerProcess}, a real {@code redis-server} started and
 * stopped by a test.
 */
package dev.hmacsigned.testing;
