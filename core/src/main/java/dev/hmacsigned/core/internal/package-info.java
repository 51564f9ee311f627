/** Implementation details of hmac-signed core; not an API, not exported. */
@NullMarked
package dev.hmacsigned.core.internal;

import org.jspecify.annotations.NullMarked;
