package dev.hmacsigned.servlet;

import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.VerificationResult;
import dev.hmacsigned.core.VerificationResult.Rejected;
import dev.hmacsigned.core.VerificationResult.Verified;
import dev.hmacsigned.servlet.internal.RejectionWriter;
import dev.hmacsigned.servlet.internal.ReleaseOnCompletion;
import dev.hmacsigned.servlet.internal.ServletRequestView;
import dev.hmacsigned.servlet.internal.VerifiedRequest;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A servlet filter that lets a request reach the application only when it carries a valid
 * hmac-signed signature (protocol v1). Every other request is answered by the filter itself: 401,
 * 413 or 503 with an {@code application/problem+json} body, and the chain is not invoked.
 *
 * <p>Three ways to install it:
 *
 * <ol>
 *   <li>In {@code web.xml}, configured with the init parameters of protocol v1 §8 ({@value
 *       dev.hmacsigned.core.HmacConfig#KEYS_FILE}, {@value
 *       dev.hmacsigned.core.HmacConfig#CLOCK_SKEW}, {@value
 *       dev.hmacsigned.core.HmacConfig#MAX_BODY_BYTES}, {@value
 *       dev.hmacsigned.core.HmacConfig#REALM}, {@value
 *       dev.hmacsigned.core.HmacConfig#REPLAY_STORE}):
 *       <pre>{@code
 * <filter>
 *   <filter-name>hmac</filter-name>
 *   <filter-class>dev.hmacsigned.servlet.HmacServletFilter</filter-class>
 *   <async-supported>true</async-supported>
 *   <init-param>
 *     <param-name>hmac.keys.file</param-name>
 *     <param-value>/etc/hmac/keys.properties</param-value>
 *   </init-param>
 * </filter>
 * <filter-mapping>
 *   <filter-name>hmac</filter-name>
 *   <url-pattern>/api/*</url-pattern>
 * </filter-mapping>
 * }</pre>
 *   <li>Programmatically, with a verifier built in code:
 *       <pre>{@code
 * HmacVerifier verifier = HmacVerifier.builder()
 *     .keySource(KeySource.keysFile(Path.of("/etc/hmac/keys.properties")))
 *     .build();
 * FilterRegistration.Dynamic hmac = servletContext.addFilter("hmac", HmacServletFilter.of(verifier));
 * hmac.setAsyncSupported(true);
 * hmac.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/api/*");
 * }</pre>
 *   <li>Declared without init parameters: the settings then come from MicroProfile Config when it
 *       is present, Java system properties, or environment variables such as {@code
 *       HMAC_KEYS_FILE}.
 * </ol>
 *
 * <p>The configuration is read once, in {@link #init(FilterConfig)}; an invalid one fails the
 * deployment with a {@link ServletException} that says what to fix. A keys file is re-read when it
 * changes, so keys rotate without a restart.
 *
 * <p>Behind the filter, the application sees an ordinary request: {@code getInputStream()} and
 * {@code getReader()} return exactly the verified bytes (the reader in the request's charset,
 * ISO-8859-1 when it has none), {@code getParameter} works for URL-encoded form posts (query
 * parameters first, then the body's, the body decoded in the request's charset or UTF-8), and
 * {@code getUserPrincipal()}, {@code getRemoteUser()}, {@code isUserInRole(role)} and {@code
 * getAuthType()} ({@value dev.hmacsigned.core.VerificationResult#AUTHENTICATION_SCHEME}) describe
 * the key that signed it. The verification result is stored as the request attribute {@value
 * dev.hmacsigned.core.HmacVerifier#VERIFIED_ATTRIBUTE}. Asynchronous requests work: declare the
 * filter async-supported.
 *
 * <p>Security notes:
 *
 * <ul>
 *   <li>The signed path is {@code getRequestURI()}, which includes the context path: clients sign
 *       the full path they send.
 *   <li>A request that already carries a verified result in {@value
 *       dev.hmacsigned.core.HmacVerifier#VERIFIED_ATTRIBUTE} (the filter declared twice, or another
 *       hmac-signed adapter before this one) is not verified again, so its nonce is not counted as
 *       a replay. Only the verifier can create such a result; but two filters with different key
 *       rings on one request share the first one's verdict, so restrict keys with roles rather than
 *       with a second ring.
 *   <li>Nothing a client sends leads to a 500: rejections are answered with the public code only;
 *       the detailed reason goes to the {@code dev.hmacsigned} log, never a secret, signature,
 *       canonical string or body.
 *   <li>The body is read once, up to the verifier's limit, and held in memory up to its threshold,
 *       above it in a temporary file deleted when the request ends. Multipart parsing ({@code
 *       getParts()}) is not available behind the filter.
 * </ul>
 */
public final class HmacServletFilter implements Filter {
  private final boolean configuredInCode;
  private volatile @Nullable HmacVerifier verifier; // set in init() unless built in code

  /**
   * Creates a filter that reads its configuration in {@link #init(FilterConfig)}: from its init
   * parameters, then MicroProfile Config, system properties and environment variables. This is the
   * constructor a container uses for a filter declared in {@code web.xml}.
   */
  public HmacServletFilter() {
    this.configuredInCode = false;
  }

  private HmacServletFilter(HmacVerifier verifier) {
    this.configuredInCode = true;
    this.verifier = verifier;
  }

  /**
   * Creates a filter that verifies with the given verifier and ignores init parameters; for {@code
   * ServletContext.addFilter(name, filter)} and embedded servers.
   *
   * @param verifier the verifier, with its keys, limits and replay store
   * @return the filter
   */
  public static HmacServletFilter of(HmacVerifier verifier) {
    return new HmacServletFilter(Objects.requireNonNull(verifier, "verifier"));
  }

  /**
   * Reads the configuration, unless the filter was created with {@link #of(HmacVerifier)}.
   *
   * @param filterConfig the container's filter configuration
   * @throws ServletException if the configuration is invalid or the keys file cannot be loaded; the
   *     message names the setting to fix
   */
  @Override
  public void init(FilterConfig filterConfig) throws ServletException {
    if (configuredInCode) {
      return;
    }
    try {
      verifier = HmacConfig.lookup(filterConfig::getInitParameter).verifier();
    } catch (HmacConfigurationException e) {
      throw new ServletException(
          "HmacServletFilter '" + filterConfig.getFilterName() + "': " + e.getMessage(), e);
    }
  }

  /**
   * Verifies the request and either answers it with a rejection or passes a {@linkplain
   * HttpServletRequest request} carrying the verified body and principal down the chain.
   *
   * @param request the request; must be an {@link HttpServletRequest}
   * @param response the response; must be an {@link HttpServletResponse}
   * @param chain the rest of the chain, invoked only for a verified request
   * @throws ServletException if the filter is not initialized or the request is not HTTP
   * @throws IOException if writing a rejection fails, or from the chain
   */
  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest httpRequest)
        || !(response instanceof HttpServletResponse httpResponse)) {
      throw new ServletException("HmacServletFilter filters HTTP requests only.");
    }
    HmacVerifier current = verifier;
    if (current == null) {
      throw new ServletException(
          "HmacServletFilter is not initialized: the container must call init(FilterConfig)"
              + " before doFilter, or create the filter with HmacServletFilter.of(verifier).");
    }

    if (httpRequest.getAttribute(HmacVerifier.VERIFIED_ATTRIBUTE) instanceof Verified earlier) {
      // Verified once already on this request (this filter declared twice, another adapter, or a
      // later dispatch): verifying again would reject its own nonce as a replay. The adapter that
      // verified owns the result and closes it.
      chain.doFilter(
          VerifiedRequest.isVerified(httpRequest)
              ? httpRequest
              : new VerifiedRequest(httpRequest, httpResponse, earlier),
          response);
      return;
    }

    VerificationResult result = current.verify(new ServletRequestView(httpRequest));
    if (result instanceof Rejected rejected) {
      RejectionWriter.write(httpResponse, current.rejectionResponse(rejected));
      return;
    }
    Verified verified = (Verified) result;
    httpRequest.setAttribute(HmacVerifier.VERIFIED_ATTRIBUTE, verified);
    try {
      chain.doFilter(new VerifiedRequest(httpRequest, httpResponse, verified), response);
    } finally {
      ReleaseOnCompletion.release(httpRequest, verified);
    }
  }

  /** Nothing to release: the verifier holds no resources of its own. */
  @Override
  public void destroy() {
    // The verifier and its key source need no shutdown.
  }

  @Override
  public String toString() {
    return "HmacServletFilter[" + (verifier == null ? "not initialized" : verifier) + "]";
  }
}
