package dev.hmacsigned.jaxrs;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Who may call an {@link HmacSigned} resource method once the request is verified: the rule of
 * {@code @DenyAll}, {@code @RolesAllowed} and {@code @PermitAll}, written once. Method annotations
 * win over class annotations, as in Jakarta Security; among a method's (or a class's) own
 * annotations {@code @DenyAll} comes first, then {@code @RolesAllowed}, then {@code @PermitAll}.
 * Without any, every verified caller may call it.
 *
 * <p>The annotations are read once per resource class and method, never per request.
 */
final class RolePolicy {
  /** Any verified caller. */
  static final RolePolicy ANYONE = new RolePolicy(null, "any verified caller");

  private static final RolePolicy NOBODY = new RolePolicy(List.of(), "@DenyAll");

  private static final ConcurrentMap<Key, RolePolicy> POLICIES = new ConcurrentHashMap<>();

  /** {@code null}: anyone; empty: nobody; else one of these roles. */
  private final @Nullable List<String> roles;

  private final String description;

  private RolePolicy(@Nullable List<String> roles, String description) {
    this.roles = roles;
    this.description = description;
  }

  /**
   * The policy of a resource method, as the runtime's {@code ResourceInfo} names it.
   *
   * @param method the resource method, or {@code null} for one the runtime made up (Jersey's
   *     OPTIONS): then only the class's annotations count
   * @param type the resource class, or {@code null} if unknown
   */
  static RolePolicy of(@Nullable Method method, @Nullable Class<?> type) {
    return POLICIES.computeIfAbsent(new Key(method, type), RolePolicy::read);
  }

  private static RolePolicy read(Key key) {
    Method method = key.method();
    if (method != null) {
      RolePolicy own = declaredOn(method);
      if (own != null) {
        return own;
      }
    }
    Class<?> type = key.type();
    if (type != null) {
      RolePolicy inherited = declaredOn(type);
      if (inherited != null) {
        return inherited;
      }
    }
    return ANYONE;
  }

  private static @Nullable RolePolicy declaredOn(AnnotatedElement element) {
    if (element.isAnnotationPresent(DenyAll.class)) {
      return NOBODY;
    }
    RolesAllowed allowed = element.getAnnotation(RolesAllowed.class);
    if (allowed != null) {
      return new RolePolicy(
          List.of(allowed.value()), "@RolesAllowed(" + String.join(", ", allowed.value()) + ")");
    }
    if (element.isAnnotationPresent(PermitAll.class)) {
      return ANYONE;
    }
    return null;
  }

  /**
   * Tells whether a caller with these roles may call the method.
   *
   * @param callerRoles the roles of the verified key
   */
  boolean allows(Set<String> callerRoles) {
    List<String> r = roles;
    if (r == null) {
      return true;
    }
    for (String role : r) {
      if (callerRoles.contains(role)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return description;
  }

  /** A resource class and method; either may be unknown. */
  private record Key(@Nullable Method method, @Nullable Class<?> type) {}
}
