package dev.hmacsigned.servlet.internal;

import java.security.Principal;
import java.util.Objects;

/** The caller of a verified request: the principal name of the key that signed it. */
final class HmacPrincipal implements Principal {
  private final String name;

  HmacPrincipal(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HmacPrincipal p && p.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return "HmacPrincipal[" + name + "]";
  }
}
