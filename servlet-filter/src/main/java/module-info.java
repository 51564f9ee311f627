/** hmac-signed servlet filter: verifies signed requests before the servlet runs. */
module dev.hmacsigned.servlet {
  requires transitive dev.hmacsigned.core;
  requires transitive jakarta.servlet;

  exports dev.hmacsigned.servlet;
}
