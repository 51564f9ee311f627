/**
 * hmac-signed OpenTelemetry meters, through the OpenTelemetry API only: {@link
 * dev.hmacsigned.opentelemetry.HmacOpenTelemetry} for servers, {@link
 * dev.hmacsigned.opentelemetry.HmacClientOpenTelemetry} for the client feature.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.hmacsigned.opentelemetry {
  requires transitive dev.hmacsigned.core;
  // Transitive: the API takes its types. It is an automatic module (Automatic-Module-Name), as
  // every release of it is so far; the warnings saying so are the ones suppressed above.
  requires transitive io.opentelemetry.api;
  // Only HmacClientOpenTelemetry needs the client feature; a server runs without it.
  requires static transitive dev.hmacsigned.client;
  requires static transitive org.jspecify;

  exports dev.hmacsigned.opentelemetry;

  provides dev.hmacsigned.core.VerificationListenerProvider with
      dev.hmacsigned.opentelemetry.internal.OpenTelemetryListenerProvider;
// The client's provider (OpenTelemetryClientListenerProvider) is listed in META-INF/services
// only, for the class path: a "provides" of a type from the optional client module is left out,
// so that a server on the module path resolves without it.

}
