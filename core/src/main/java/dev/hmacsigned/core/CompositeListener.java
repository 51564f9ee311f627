package dev.hmacsigned.core;

import java.util.List;

/** Tells several listeners in order; one that throws does not keep the others from being told. */
final class CompositeListener implements VerificationListener {
  private static final System.Logger LOG = System.getLogger("dev.hmacsigned");

  private final List<VerificationListener> listeners;

  CompositeListener(List<VerificationListener> listeners) {
    this.listeners = listeners;
  }

  // Indexed loops and no lambdas: nothing is allocated per request.

  @Override
  public void onVerified(VerificationResult.Verified result, RequestView request) {
    for (int i = 0; i < listeners.size(); i++) {
      try {
        listeners.get(i).onVerified(result, request);
      } catch (RuntimeException e) {
        ignored(e);
      }
    }
  }

  @Override
  public void onRejected(VerificationResult.Rejected result, RequestView request) {
    for (int i = 0; i < listeners.size(); i++) {
      try {
        listeners.get(i).onRejected(result, request);
      } catch (RuntimeException e) {
        ignored(e);
      }
    }
  }

  @Override
  public void onVerifierBuilt(KeySource keySource) {
    for (VerificationListener listener : listeners) {
      try {
        listener.onVerifierBuilt(keySource);
      } catch (RuntimeException e) {
        ignored(e);
      }
    }
  }

  static void ignored(RuntimeException e) {
    LOG.log(System.Logger.Level.WARNING, "A VerificationListener threw; ignored", e);
  }

  @Override
  public String toString() {
    return "VerificationListener" + listeners;
  }
}
