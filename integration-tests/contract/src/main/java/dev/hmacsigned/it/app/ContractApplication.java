package dev.hmacsigned.it.app;

import dev.hmacsigned.jaxrs.HmacServerFeature;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The application under test. It configures nothing of the library in code: the feature reads
 * {@code hmac.keys.file} and {@code hmac.max-body-bytes} from system properties, as a WAR would.
 */
public class ContractApplication extends Application {
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(SignedResource.class, UnsignedResource.class, HmacServerFeature.class);
  }
}
