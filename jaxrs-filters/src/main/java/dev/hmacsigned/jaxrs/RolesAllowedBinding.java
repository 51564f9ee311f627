package dev.hmacsigned.jaxrs;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;

/**
 * Tells {@link HmacContainerFilter} the {@link RolePolicy} of each {@link HmacSigned} resource
 * method: reads the method's {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} once,
 * at deployment, and binds to the method a filter that hands the policy to the request as the
 * property {@value #POLICY_PROPERTY}, before verification.
 *
 * <p>Jersey, RESTEasy, Apache CXF and Helidon apply a {@code DynamicFeature} that a feature
 * registers; Quarkus REST drops it, and the verifying filter then finds the method through Quarkus
 * REST's own request context ({@link ReactiveResourceInfo}). A request for which neither says
 * anything is refused, never let through unchecked.
 */
final class RolesAllowedBinding implements DynamicFeature {
  /** The request property that carries the matched method's {@link RolePolicy}. */
  static final String POLICY_PROPERTY = "dev.hmacsigned.jaxrs.policy";

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    Method method = resource.getResourceMethod();
    Class<?> type = resource.getResourceClass();
    boolean signed =
        (method != null && method.isAnnotationPresent(HmacSigned.class))
            || (type != null && type.isAnnotationPresent(HmacSigned.class));
    if (signed) {
      context.register(new PolicyMarker(RolePolicy.of(method, type)));
    }
  }

  /** Puts one method's policy on its requests, just before {@link HmacContainerFilter} runs. */
  @Priority(Priorities.AUTHENTICATION - 1)
  static final class PolicyMarker implements ContainerRequestFilter {
    private final RolePolicy policy;

    PolicyMarker(RolePolicy policy) {
      this.policy = policy;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      request.setProperty(POLICY_PROPERTY, policy);
    }

    @Override
    public String toString() {
      return "PolicyMarker[" + policy + "]";
    }
  }
}
