/**
 * hmac-signed Micrometer meters: {@link dev.hmacsigned.micrometer.HmacMicrometer} for servers,
 * {@link dev.hmacsigned.micrometer.HmacClientMicrometer} for the client feature.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.hmacsigned.micrometer {
  requires transitive dev.hmacsigned.core;
  // Transitive: the API takes its types. It is an automatic module (Automatic-Module-Name), as
  // every release of it is so far; the warnings saying so are the ones suppressed above.
  requires transitive micrometer.core;
  // Only HmacClientMicrometer needs the client feature; a server runs without it.
  requires static transitive dev.hmacsigned.client;
  requires static transitive org.jspecify;

  exports dev.hmacsigned.micrometer;

  provides dev.hmacsigned.core.VerificationListenerProvider with
      dev.hmacsigned.micrometer.internal.MicrometerListenerProvider;
// The client's provider (MicrometerClientListenerProvider) is listed in META-INF/services only,
// for the class path: a "provides" of a type from the optional client module is left out, so that
// a server on the module path resolves without it.

}
