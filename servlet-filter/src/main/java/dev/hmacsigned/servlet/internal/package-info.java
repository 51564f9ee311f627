/**
 * Implementation of the hmac-signed servlet filter: the request view handed to the verifier, the
 * request wrapper that serves the verified body, form parameters and principal, and the cleanup of
 * asynchronous requests. Not an API: nothing here is exported, and it may change in any release.
 */
@NullMarked
package dev.hmacsigned.servlet.internal;

import org.jspecify.annotations.NullMarked;
