package dev.hmacsigned.core;

import java.security.Principal;
import java.util.Objects;

/**
 * The principal of a verified key, the one every adapter hands to its framework: a name, equal by
 * name.
 */
record KeyPrincipal(String name) implements Principal {
  KeyPrincipal {
    Objects.requireNonNull(name, "name");
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public String toString() {
    return name;
  }
}
