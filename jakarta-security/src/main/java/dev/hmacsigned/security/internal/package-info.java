/** Not an API: the request listener that releases what the mechanism verified. */
@NullMarked
package dev.hmacsigned.security.internal;

import org.jspecify.annotations.NullMarked;
