/** The provider that installs the meters from configuration; not an API. */
@NullMarked
package dev.hmacsigned.micrometer.internal;

import org.jspecify.annotations.NullMarked;
