/** The commands of {@code hmac-signed} and what they share; not an API. */
package dev.hmacsigned.cli.internal;
