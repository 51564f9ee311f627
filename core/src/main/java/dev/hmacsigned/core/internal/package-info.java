/** Implementation details of hmac-signed core; not an API, not exported. */
package dev.hmacsigned.core.internal;
