/**
 * hmac-signed for Jakarta REST servers: {@code @HmacSigned} resources verified by {@link
 * dev.hmacsigned.jaxrs.HmacServerFeature}.
 */
module dev.hmacsigned.jaxrs {
  // HmacServerFeature.of(HmacVerifier) and its builder take core types.
  requires transitive dev.hmacsigned.core;
  // HmacServerFeature is a jakarta.ws.rs.core.Feature.
  requires transitive jakarta.ws.rs;
  // @Priority on the filters, and @RolesAllowed, @PermitAll, @DenyAll read at deployment.
  requires jakarta.annotation;
  // RemoteAddressListener and the deployment check (HmacDeploymentCheck), which only a servlet
  // container loads.
  requires static jakarta.servlet;
  // @Dependent on HmacServerFeature, and HmacSignedInterceptor with @HmacSigned as its
  // interceptor binding: read by CDI containers (Quarkus, Helidon MP, application servers),
  // absent elsewhere.
  requires static jakarta.cdi;
  requires static jakarta.interceptor;
  // The nullness annotations of the API: compile time only (as in dev.hmacsigned.core).
  requires static transitive org.jspecify;

  exports dev.hmacsigned.jaxrs;

// No "opens", deliberately. What Jersey (HK2), RESTEasy and CXF do with this package needs none:
// - they instantiate HmacServerFeature (discovered by its @Provider, or registered as a class)
//   through its public no-arg constructor, a public class in an exported package;
// - they read the annotations of the package-private filters the feature registers as instances
//   (@Priority, @PreMatching, the @HmacSigned name binding) with Class.getAnnotation, which
//   needs no access to the class;
// - they call those filters through the JAX-RS interfaces (ContainerRequestFilter, ...), and
//   the filters have no @Context or @Inject members for a runtime to set by deep reflection.
// A runtime that wanted more would fail with InaccessibleObjectException; the answer would be a
// qualified "opens dev.hmacsigned.jaxrs to <that runtime's module>", not an open package.
// (On the class path, as in a WAR, this descriptor is ignored altogether.)
}
