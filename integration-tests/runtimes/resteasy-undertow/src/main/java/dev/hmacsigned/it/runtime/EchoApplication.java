package dev.hmacsigned.it.runtime;

import dev.hmacsigned.it.app.EchoResource;
import dev.hmacsigned.jaxrs.HmacServerFeature;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The echo application as a RESTEasy user writes one: the resource and {@code HmacServerFeature} in
 * {@link #getClasses()}. Nothing of the library is configured in code: the feature reads {@code
 * hmac.keys.file} from the system properties.
 */
public class EchoApplication extends Application {
  /** The constructor RESTEasy calls. */
  public EchoApplication() {}

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(EchoResource.class, HmacServerFeature.class);
  }
}
