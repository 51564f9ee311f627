/**
 * hmac-signed OpenTelemetry meters, through the OpenTelemetry API only: {@link
 * dev.hmacsigned.opentelemetry.HmacOpenTelemetry} for servers, {@link
 * dev.hmacsigned.opentelemetry.HmacClientOpenTelemetry} for the client feature.
 */
module dev.hmacsigned.opentelemetry {
  requires transitive dev.hmacsigned.core;
  // Not transitive: an automatic module; an application that passes an OpenTelemetry requires it.
  requires io.opentelemetry.api;
  // Only HmacClientOpenTelemetry needs the client feature; a server runs without it.
  requires static transitive dev.hmacsigned.client;
  requires static transitive org.jspecify;

  exports dev.hmacsigned.opentelemetry;

  provides dev.hmacsigned.core.VerificationListenerProvider with
      dev.hmacsigned.opentelemetry.internal.OpenTelemetryListenerProvider;
}
