package dev.hmacsigned.client;

import jakarta.ws.rs.client.ClientBuilder;
import org.apache.cxf.jaxrs.client.spec.ClientBuilderImpl;
import org.glassfish.jersey.client.JerseyClientBuilder;
import org.jboss.resteasy.client.jaxrs.internal.ResteasyClientBuilderImpl;

/**
 * The JAX-RS client implementations the feature is proven on. Each builder is created directly, so
 * all can share one class path; the feature itself uses only the JAX-RS API.
 */
enum ClientKind {
  JERSEY {
    @Override
    ClientBuilder builder() {
      return new JerseyClientBuilder();
    }
  },
  RESTEASY {
    @Override
    ClientBuilder builder() {
      return new ResteasyClientBuilderImpl();
    }
  },
  CXF {
    @Override
    ClientBuilder builder() {
      return new ClientBuilderImpl().register(new JsonbWriter());
    }
  };

  abstract ClientBuilder builder();
}
