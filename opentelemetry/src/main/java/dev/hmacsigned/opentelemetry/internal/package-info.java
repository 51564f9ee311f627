/** The provider that installs the meters from configuration; not an API. */
@NullMarked
package dev.hmacsigned.opentelemetry.internal;

import org.jspecify.annotations.NullMarked;
