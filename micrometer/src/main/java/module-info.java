/**
 * hmac-signed Micrometer meters: {@link dev.hmacsigned.micrometer.HmacMicrometer} for servers,
 * {@link dev.hmacsigned.micrometer.HmacClientMicrometer} for the client feature.
 */
module dev.hmacsigned.micrometer {
  requires transitive dev.hmacsigned.core;
  // Not transitive: an automatic module; an application that passes a MeterRegistry requires it.
  requires micrometer.core;
  // Only HmacClientMicrometer needs the client feature; a server runs without it.
  requires static transitive dev.hmacsigned.client;
  requires static transitive org.jspecify;

  exports dev.hmacsigned.micrometer;

  provides dev.hmacsigned.core.VerificationListenerProvider with
      dev.hmacsigned.micrometer.internal.MicrometerListenerProvider;
}
