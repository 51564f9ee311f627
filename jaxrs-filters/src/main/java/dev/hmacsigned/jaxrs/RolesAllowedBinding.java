package dev.hmacsigned.jaxrs;

import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Enforces {@code @RolesAllowed}, {@code @DenyAll} and {@code @PermitAll} on {@link HmacSigned}
 * resource methods against the key's roles, on every JAX-RS runtime (Jersey does not without its
 * own feature). The annotations are read here, once per method at deployment, never per request.
 */
final class RolesAllowedBinding implements DynamicFeature {

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    Method method = resource.getResourceMethod();
    Class<?> type = resource.getResourceClass();
    if (method == null || type == null) {
      return;
    }
    if (!method.isAnnotationPresent(HmacSigned.class)
        && !type.isAnnotationPresent(HmacSigned.class)) {
      return;
    }
    // Method annotations win over class annotations, as in Jakarta Security.
    if (method.isAnnotationPresent(DenyAll.class)) {
      context.register(new RoleCheck(List.of()));
    } else if (method.isAnnotationPresent(RolesAllowed.class)) {
      context.register(new RoleCheck(List.of(method.getAnnotation(RolesAllowed.class).value())));
    } else if (method.isAnnotationPresent(PermitAll.class)) {
      return;
    } else if (type.isAnnotationPresent(DenyAll.class)) {
      context.register(new RoleCheck(List.of()));
    } else if (type.isAnnotationPresent(RolesAllowed.class)) {
      context.register(new RoleCheck(List.of(type.getAnnotation(RolesAllowed.class).value())));
    }
  }

  /** Lets a request through if its security context holds one of the roles. */
  @Priority(Priorities.AUTHORIZATION)
  static final class RoleCheck implements ContainerRequestFilter {
    private final List<String> roles;

    RoleCheck(List<String> roles) {
      this.roles = roles;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      for (String role : roles) {
        if (request.getSecurityContext().isUserInRole(role)) {
          return;
        }
      }
      throw new ForbiddenException();
    }
  }
}
