/** hmac-signed servlet filter: verifies signed requests before the servlet runs. */
module dev.hmacsigned.servlet {
  requires transitive dev.hmacsigned.core;
  requires transitive jakarta.servlet;
  // The nullness annotations of the API: compile time only (as in dev.hmacsigned.core).
  requires static transitive org.jspecify;

  exports dev.hmacsigned.servlet;
  // The servlet side of verification (the request view, the verified request, the rejection
  // writer), shared with the Jakarta Security mechanism rather than written twice; not an API.
  exports dev.hmacsigned.servlet.internal to
      dev.hmacsigned.security;
}
