package dev.hmacsigned.it.helidon;

import dev.hmacsigned.it.app.SignedResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * A second application, at {@code /unguarded}, whose {@code getClasses()} lists the
 * {@code @HmacSigned} resources but not {@code HmacServerFeature}: on a runtime that builds such an
 * application from its list alone, the filter would be missing (and the library's CDI interceptor
 * would refuse every call with 500). Helidon adds the providers it finds as CDI beans to every
 * application, so the feature is registered here too, and the tests check that {@code /unguarded}
 * is verified like {@code /}.
 */
@ApplicationPath("unguarded")
public class UnguardedApplication extends Application {
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(SignedResource.class);
  }
}
