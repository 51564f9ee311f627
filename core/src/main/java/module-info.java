/** hmac-signed core: protocol v1, signer, verifier, keys and replay protection. JDK only. */
module dev.hmacsigned.core {
  // @NullMarked and @Nullable in the API: read by whoever compiles against it (transitive),
  // needed by nobody at run time (static).
  requires static transitive org.jspecify;

  exports dev.hmacsigned.core;

  uses dev.hmacsigned.core.ReplayStoreProvider;
  uses dev.hmacsigned.core.VerificationListenerProvider;
}
