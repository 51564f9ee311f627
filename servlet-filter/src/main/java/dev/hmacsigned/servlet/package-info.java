/**
 * The hmac-signed servlet filter: {@link dev.hmacsigned.servlet.HmacServletFilter} verifies signed
 * requests (protocol v1) before any servlet runs, on any Jakarta Servlet 6 container.
 *
 * <pre>{@code
 * servletContext.addFilter("hmac", HmacServletFilter.of(verifier))
 *     .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/api/*");
 * }</pre>
 *
 * <p>Security: only verified requests reach the chain; rejections carry the public code of protocol
 * v1 §6 and nothing else.
 */
@NullMarked
package dev.hmacsigned.servlet;

import org.jspecify.annotations.NullMarked;
