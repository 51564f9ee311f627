package dev.hmacsigned.core;

import dev.hmacsigned.core.internal.HttpText;
import java.lang.System.Logger.Level;

/** The default listener; a class so that the logger is looked up once. */
final class LoggingListener implements VerificationListener {
  static final LoggingListener INSTANCE = new LoggingListener();
  private static final System.Logger LOG = System.getLogger("dev.hmacsigned");

  private LoggingListener() {}

  @Override
  public void onVerified(VerificationResult.Verified result, RequestView request) {
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(
          Level.DEBUG,
          "HMAC verified: keyId={0} method={1} path={2} remote={3}",
          result.keyId(),
          HttpText.forLog(request.method(), 16),
          HttpText.forLog(request.rawPath(), 256),
          HttpText.forLog(request.remoteAddress(), 64));
    }
  }

  @Override
  public void onRejected(VerificationResult.Rejected result, RequestView request) {
    Level level =
        result.reason() == RejectionReason.REPLAY_STORE_UNAVAILABLE ? Level.WARNING : Level.INFO;
    if (LOG.isLoggable(level)) {
      LOG.log(
          level,
          "HMAC rejected: code={0} reason={1} ({2}) keyId={3} method={4} path={5} remote={6}",
          result.code().code(),
          result.reason(),
          result.detail(),
          HttpText.forLog(result.keyId().orElse(null), 128),
          HttpText.forLog(request.method(), 16),
          HttpText.forLog(request.rawPath(), 256),
          HttpText.forLog(request.remoteAddress(), 64));
    }
  }
}
