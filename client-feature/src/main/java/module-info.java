/**
 * hmac-signed for Jakarta REST clients: {@link dev.hmacsigned.client.HmacClientFeature} signs every
 * request, {@link dev.hmacsigned.client.HmacRejection} reads a refusal.
 */
module dev.hmacsigned.client {
  // The builder takes HmacKey, KeySource and HmacConfig; HmacRejection gives a RejectionCode.
  requires transitive dev.hmacsigned.core;
  // HmacClientFeature is a jakarta.ws.rs.core.Feature; HmacRejection reads a Response.
  requires transitive jakarta.ws.rs;
  // The nullness annotations of the API: compile time only (as in dev.hmacsigned.core).
  requires static transitive org.jspecify;

  exports dev.hmacsigned.client;

  // Listeners of the answers, installed from configuration (hmac.client.listeners).
  uses dev.hmacsigned.client.HmacClientListenerProvider;

// No "opens", deliberately: clients (Jersey, RESTEasy, CXF) instantiate HmacClientFeature, when
// registered as a class, through its public no-arg constructor; the package-private filter and
// interceptor it registers are instances, called through the JAX-RS interfaces, with nothing for
// a runtime to inject. Reading their annotations (@ConstrainedTo) needs no access to the class.
}
