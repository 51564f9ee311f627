package dev.hmacsigned.it.server;

import dev.hmacsigned.it.app.SignedResource;
import dev.hmacsigned.it.app.UnsignedResource;
import dev.hmacsigned.jaxrs.HmacServerFeature;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The contract application of the embedded servers. It registers the feature by its class, and
 * configures nothing of the library in code: the feature reads {@code hmac.keys.file}, {@code
 * hmac.max-body-bytes} and {@code hmac.replay.store} from system properties.
 */
public class ContractApplication extends Application {
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(SignedResource.class, UnsignedResource.class, HmacServerFeature.class);
  }
}
