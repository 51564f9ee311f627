package dev.hmacsigned.jaxrs;

/**
 * Whether the request this thread is serving was verified by {@link HmacContainerFilter}: set by
 * the filter after a request passed (verification and roles), cleared when a request starts ({@link
 * SentMethodRecorder}, and the filter itself) and when its response is ready. {@link
 * HmacSignedInterceptor} reads it when a CDI container calls an {@link HmacSigned} resource method:
 * a request that did not pass through the filter cannot reach the method.
 *
 * <p>Filter and resource method share a thread in every runtime this library supports (Jersey,
 * RESTEasy and Apache CXF call them one after the other; Quarkus REST moves both to a worker thread
 * for blocking methods; Helidon runs both on the request's virtual thread). A filter of the
 * application that suspends the request and resumes it on another thread makes the method refuse it
 * (500): the safe direction. The value is a {@code Boolean} of the JDK, so the thread pool of a
 * server never holds on to an application's class loader through it.
 */
final class RequestMark {
  private static final ThreadLocal<Boolean> VERIFIED = new ThreadLocal<>();

  private RequestMark() {}

  /** The request on this thread passed the filter. */
  static void set() {
    VERIFIED.set(Boolean.TRUE);
  }

  /** A new request, or the end of one. */
  static void clear() {
    VERIFIED.remove();
  }

  static boolean isSet() {
    return VERIFIED.get() != null;
  }
}
