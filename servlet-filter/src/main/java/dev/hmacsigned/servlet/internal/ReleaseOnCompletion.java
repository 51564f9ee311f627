package dev.hmacsigned.servlet.internal;

import dev.hmacsigned.core.VerificationResult.Verified;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;

/**
 * Closes a {@link Verified} result (deleting its temporary body file) when an asynchronous request
 * ends: completed, failed or timed out. A new asynchronous cycle on the same request drops the
 * listeners of the previous one, so this listener registers itself again.
 */
public final class ReleaseOnCompletion implements AsyncListener {
  private final Verified verified;

  /**
   * Prepares to close a result.
   *
   * @param verified the result to close when the request ends
   */
  public ReleaseOnCompletion(Verified verified) {
    this.verified = Objects.requireNonNull(verified, "verified");
  }

  /**
   * Closes a result now, or, if its body is in a temporary file, when the asynchronous request it
   * went on to ends.
   *
   * @param request the request the result belongs to, its processing over or gone asynchronous
   * @param verified the result to close
   */
  public static void release(HttpServletRequest request, Verified verified) {
    // Only a body in a temporary file has something to release that an asynchronous request may
    // still need: one in memory (or none) stays readable after close(). Asking the container
    // whether the request went asynchronous takes a lock on the request's state that the thread
    // completing the response also takes (a contended lock in a profile of Jetty under load), so
    // it is asked only for a file.
    if (verified.body().isInFile() && request.isAsyncStarted()) {
      try {
        request.getAsyncContext().addListener(new ReleaseOnCompletion(verified));
        return;
      } catch (IllegalStateException e) {
        // The asynchronous cycle already ended: nothing uses the body any more.
      }
    }
    verified.close();
  }

  @Override
  public void onComplete(AsyncEvent event) {
    verified.close();
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    verified.close();
  }

  @Override
  public void onError(AsyncEvent event) {
    verified.close();
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    event.getAsyncContext().addListener(this);
  }

  @Override
  public String toString() {
    return "ReleaseOnCompletion[" + verified.keyId() + "]";
  }
}
