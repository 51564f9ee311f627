package dev.hmacsigned.it.unguarded;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The mistake of issue 12: an application that lists its resources in {@code getClasses()} and
 * forgets {@code HmacServerFeature}. Quarkus then builds the application from that list alone, so
 * the library's filter is never registered and only its CDI interceptor stands between a caller and
 * {@link OrdersResource}. On Quarkus REST, {@code ResteasyReactiveFeatureScanner} drops every
 * {@code Feature} that {@code ApplicationScanningResult#keepProvider} does not find in the list; on
 * RESTEasy Classic, {@code ResteasyDeploymentImpl#registerApplication} ignores the scanned
 * providers once the application registers a class of its own.
 */
@ApplicationPath("/")
public class UnguardedApplication extends Application {
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(OrdersResource.class, HealthResource.class);
  }
}
