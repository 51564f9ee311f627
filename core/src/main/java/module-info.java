/** hmac-signed core: protocol v1, signer, verifier, keys and replay protection. JDK only. */
module dev.hmacsigned.core {
  exports dev.hmacsigned.core;

  uses dev.hmacsigned.core.ReplayStoreProvider;

  // Only the tests use it (to capture log records); at run time the module needs nothing but
  // java.base.
  requires static java.logging;
}
