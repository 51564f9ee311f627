/**
 * hmac-signed for Jakarta Security: {@link dev.hmacsigned.security.HmacAuthenticationMechanism}
 * makes the callers of verified requests container-authenticated.
 */
module dev.hmacsigned.security {
  requires dev.hmacsigned.core;
  // The servlet side of verification, shared with HmacServletFilter (a qualified export).
  requires dev.hmacsigned.servlet;
  // HmacAuthenticationMechanism is a jakarta.security.enterprise HttpAuthenticationMechanism.
  requires transitive jakarta.security;
  requires transitive jakarta.servlet;
  // @ApplicationScoped, and the startup event that reads the configuration.
  requires jakarta.cdi;
  // The nullness annotations: compile time only (as in dev.hmacsigned.core).
  requires static org.jspecify;

  exports dev.hmacsigned.security;
// Not dev.hmacsigned.security.internal: its request listener, named in META-INF/web-fragment.xml,
// is created by the servlet container of a WAR, where this descriptor is ignored.
}
