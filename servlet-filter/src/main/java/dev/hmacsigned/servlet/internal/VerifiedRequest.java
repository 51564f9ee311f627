package dev.hmacsigned.servlet.internal;

import dev.hmacsigned.core.VerificationResult;
import dev.hmacsigned.core.VerificationResult.Verified;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A verified request as the application sees it: the body is exactly the verified bytes (through
 * {@link #getInputStream()} or {@link #getReader()}), form parameters of a URL-encoded POST are
 * parsed from those bytes, and the caller is the key's principal with the key's roles.
 *
 * <p>The container's own input stream was consumed by the verifier, so everything that reads the
 * body is answered here and never delegated.
 */
public final class VerifiedRequest extends HttpServletRequestWrapper {
  private static final String FORM_URLENCODED = "application/x-www-form-urlencoded";

  private enum BodyUse {
    NONE,
    STREAM,
    READER
  }

  private final HttpServletResponse response;
  private final Verified verified;
  private final Principal principal;
  private final Set<String> roles;
  private BodyUse bodyUse = BodyUse.NONE;
  private @Nullable VerifiedInputStream stream;
  private @Nullable BufferedReader reader;
  private byte @Nullable [] formBody;
  private @Nullable Map<String, String[]> formParameters;
  private @Nullable String characterEncoding;

  /**
   * Wraps a request that has just been verified.
   *
   * @param request the container's request, whose body the verifier has read
   * @param response the response passed along with it, for {@link #startAsync()}
   * @param verified the verification result, holding the body
   */
  public VerifiedRequest(
      HttpServletRequest request, HttpServletResponse response, Verified verified) {
    super(request);
    this.response = Objects.requireNonNull(response, "response");
    this.verified = Objects.requireNonNull(verified, "verified");
    this.principal = verified.userPrincipal();
    this.roles = verified.roles();
  }

  /**
   * Tells whether a request is, or wraps, a {@code VerifiedRequest}.
   *
   * @param request any request
   * @return {@code true} if a verified body and principal are already in place
   */
  public static boolean isVerified(ServletRequest request) {
    return request instanceof VerifiedRequest
        || (request instanceof ServletRequestWrapper wrapper
            && wrapper.isWrapperFor(VerifiedRequest.class));
  }

  // ---- the body -------------------------------------------------------------------------------

  @Override
  public ServletInputStream getInputStream() throws IOException {
    if (bodyUse == BodyUse.READER) {
      throw new IllegalStateException("getReader() has already been called for this request.");
    }
    VerifiedInputStream in = stream();
    bodyUse = BodyUse.STREAM;
    return in;
  }

  @Override
  public BufferedReader getReader() throws IOException {
    if (bodyUse == BodyUse.STREAM) {
      throw new IllegalStateException("getInputStream() has already been called for this request.");
    }
    if (reader == null) {
      String encoding = getCharacterEncoding();
      Charset charset;
      if (encoding == null) {
        // The servlet specification's default for a request without a charset.
        charset = StandardCharsets.ISO_8859_1;
      } else {
        charset = charsetOrNull(encoding);
        if (charset == null) {
          throw new UnsupportedEncodingException(encoding);
        }
      }
      reader = new BufferedReader(new InputStreamReader(stream(), charset));
      bodyUse = BodyUse.READER;
    }
    return reader;
  }

  private VerifiedInputStream stream() throws IOException {
    if (stream == null) {
      InputStream in;
      long size;
      if (formBody != null) {
        in = new ByteArrayInputStream(formBody);
        size = formBody.length;
      } else {
        in = openVerifiedBody();
        size = verified.body().size();
      }
      stream = new VerifiedInputStream(in, size, this);
    }
    return stream;
  }

  private InputStream openVerifiedBody() throws IOException {
    try {
      return verified.body().openStream();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (IllegalStateException e) {
      throw new IOException(
          "The verified body was already read by another wrapper or released after the request.",
          e);
    }
  }

  @Override
  public String getCharacterEncoding() {
    return characterEncoding != null ? characterEncoding : super.getCharacterEncoding();
  }

  @Override
  public void setCharacterEncoding(String encoding) throws UnsupportedEncodingException {
    if (reader != null) {
      return; // as the specification says: no effect once getReader() was called
    }
    if (encoding != null && charsetOrNull(encoding) == null) {
      throw new UnsupportedEncodingException(encoding);
    }
    // Kept here as well: a container may ignore the call because its own stream was already read.
    characterEncoding = encoding;
    super.setCharacterEncoding(encoding);
  }

  private static @Nullable Charset charsetOrNull(String name) {
    try {
      return Charset.forName(name.strip());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  // ---- parameters -----------------------------------------------------------------------------

  @Override
  public @Nullable String getParameter(String name) {
    Map<String, String[]> form = formParameters();
    if (form == null) {
      return super.getParameter(name);
    }
    String[] values = form.get(name);
    return values == null ? null : values[0];
  }

  @Override
  public String @Nullable [] getParameterValues(String name) {
    Map<String, String[]> form = formParameters();
    if (form == null) {
      return super.getParameterValues(name);
    }
    String[] values = form.get(name);
    return values == null ? null : values.clone();
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    Map<String, String[]> form = formParameters();
    return form == null ? super.getParameterMap() : form;
  }

  @Override
  public Enumeration<String> getParameterNames() {
    Map<String, String[]> form = formParameters();
    return form == null ? super.getParameterNames() : Collections.enumeration(form.keySet());
  }

  /**
   * The parameters of a URL-encoded POST, parsed here because the container can no longer read the
   * body; {@code null} for any other request, whose parameters the container answers from the query
   * alone.
   */
  private @Nullable Map<String, String[]> formParameters() {
    if (formParameters != null) {
      return formParameters;
    }
    if (!isFormPost()) {
      return null;
    }
    Map<String, List<String>> collected = new LinkedHashMap<>();
    String query = getQueryString();
    if (query != null) {
      // Query first, as the specification orders them; decoded as UTF-8, as containers do.
      FormParameters.parse(
          query.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, collected);
    }
    // As with the container's own stream: once the application took the body, it is not parsed.
    if (bodyUse == BodyUse.NONE && stream == null && verified.body().size() < Integer.MAX_VALUE) {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? null : charsetOrNull(encoding);
      FormParameters.parse(
          formBody(), charset == null ? StandardCharsets.UTF_8 : charset, collected);
    }
    Map<String, String[]> parameters = new LinkedHashMap<>();
    collected.forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
    formParameters = Collections.unmodifiableMap(parameters);
    return formParameters;
  }

  private byte[] formBody() {
    if (formBody == null) {
      try (InputStream in = openVerifiedBody()) {
        formBody = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the verified form body", e);
      }
    }
    return formBody;
  }

  private boolean isFormPost() {
    if (!"POST".equals(getMethod())) {
      return false;
    }
    String contentType = getContentType();
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String mediaType = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return mediaType.strip().toLowerCase(Locale.ROOT).equals(FORM_URLENCODED);
  }

  /**
   * Not available: the container would parse the multipart body from its own input stream, which
   * the verifier has consumed.
   */
  @Override
  public Collection<Part> getParts() throws ServletException {
    throw multipartUnavailable();
  }

  @Override
  public Part getPart(String name) throws ServletException {
    throw multipartUnavailable();
  }

  private static ServletException multipartUnavailable() {
    return new ServletException(
        "getParts() is not available behind HmacServletFilter: the body was consumed by signature"
            + " verification. Read the verified bytes from getInputStream() instead.");
  }

  // ---- security -------------------------------------------------------------------------------

  @Override
  public Principal getUserPrincipal() {
    return principal;
  }

  @Override
  public String getRemoteUser() {
    return principal.getName();
  }

  @Override
  public String getAuthType() {
    return VerificationResult.AUTHENTICATION_SCHEME;
  }

  @Override
  public boolean isUserInRole(String role) {
    if (role == null || role.equals("*")) {
      return false; // "*" never names a role (Servlet specification, isUserInRole)
    }
    return role.equals("**") || roles.contains(role);
  }

  // ---- asynchronous processing ----------------------------------------------------------------

  /**
   * Starts asynchronous processing with this wrapper as the request of the {@link AsyncContext}, so
   * that code working from {@code AsyncContext.getRequest()} still reads the verified body and sees
   * the principal.
   */
  @Override
  public AsyncContext startAsync() {
    return super.startAsync(this, response);
  }

  @Override
  public String toString() {
    return "VerifiedRequest[" + getMethod() + ", principal=" + principal.getName() + "]";
  }
}
