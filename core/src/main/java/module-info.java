/** hmac-signed core: protocol v1, signer, verifier, keys and replay protection. JDK only. */
module dev.hmacsigned.core {
  exports dev.hmacsigned.core;

  uses dev.hmacsigned.core.ReplayStoreProvider;
}
