package dev.hmacsigned.it.unguarded;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The mistake of issue 12: an application that lists its resources in {@code getClasses()} and
 * forgets {@code HmacServerFeature}. Quarkus then builds the application from that list: on Quarkus
 * REST, {@code ApplicationScanningResult#keepProvider} discards every provider the list does not
 * name, so the library's filter is never registered and only its CDI interceptor stands between a
 * caller and {@link OrdersResource}.
 */
@ApplicationPath("/")
public class UnguardedApplication extends Application {
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(OrdersResource.class, HealthResource.class);
  }
}
