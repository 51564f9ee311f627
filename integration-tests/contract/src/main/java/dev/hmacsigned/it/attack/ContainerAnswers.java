package dev.hmacsigned.it.attack;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The attacks a server's container (or its JAX-RS runtime's routing) answers itself, before the
 * library sees them, each with the status it answers and why: an explicit allow-list, never "any
 * 4xx". A refusal passes only with exactly that status, no problem {@code code} and no HMAC
 * challenge, so that it is certain the library did not answer it differently. A rewrite, where the
 * container turns a hostile spelling into the signed request before the library and the application
 * see it, passes only as an accepted request whose body arrived intact. Every entry was observed on
 * the server it names; the reasons say what the container does.
 */
public final class ContainerAnswers {
  private static final String GRIZZLY_HEADER_SIZE =
      "Grizzly refuses a request head over its 8 KiB header limit with 400 before any filter runs";
  private static final String GRIZZLY_NO_HOST =
      "Grizzly refuses an HTTP/1.1 request without Host with 400 (RFC 9112 §3.2)";
  private static final String GRIZZLY_HEADER_VALUE =
      "Payara's Grizzly refuses a header value with a byte that is not visible ASCII, space or tab"
          + " (RFC 9110 §5.5) with 400 before any filter runs";
  private static final String GRIZZLY_SMUGGLING =
      "Payara's Grizzly refuses Content-Length with Transfer-Encoding (RFC 9112 §6.3) with 400"
          + " before any filter runs";
  private static final String LIBERTY_METHOD =
      "Open Liberty reads the method case-insensitively and hands 'post' on as POST, the signed"
          + " request";
  private static final String LIBERTY_ENCODED_CHARACTER =
      "Open Liberty's web container refuses %2E and %2F in a path with 400 before any filter"
          + " (CWWWC0005I), on an error page that shows the exception unless the application has"
          + " a default error page";
  private static final String LIBERTY_CONTENT_TYPE =
      "RESTEasy in Open Liberty shows JAX-RS, and so the library, only the first Content-Type"
          + " line: both see the signed value once";
  private static final String LIBERTY_NO_HOST =
      "Open Liberty hands the application an authority of its own for an HTTP/1.1 request"
          + " without Host (RFC 9112 §3.2 asks for 400), not the one the client signed: the"
          + " library rejects it, 401 invalid_signature";
  private static final String JERSEY_METHOD =
      "Jersey matches methods case-sensitively: 'post' names no resource method, so 405, before"
          + " the post-matching @HmacSigned filter runs";
  private static final String JERSEY_CONTENT_TYPE =
      "Jersey cannot pick a media type from two Content-Type lines: 400 while matching, before"
          + " the @HmacSigned filter runs";
  private static final String JERSEY_NO_MATCH =
      "Jersey matches no resource at this spelling of the path (it neither removes dot segments"
          + " nor merges slashes nor decodes unreserved characters before matching): 404, and the"
          + " @HmacSigned filter, bound to resources, never runs";
  private static final String JETTY_HEADER_SIZE =
      "Jetty 12 refuses a request head over its 8 KiB requestHeaderSize with 431";
  private static final String JETTY_SMUGGLING =
      "Jetty 12 refuses Content-Length with Transfer-Encoding with 400 (RFC 9112 §6.1 allows it)";
  private static final String JETTY_EMPTY_SEGMENT =
      "Jetty 12's default UriCompliance refuses an ambiguous empty segment (//) with 400";
  private static final String JETTY_ENCODED_DOT =
      "Jetty 12's default UriCompliance refuses an ambiguous path segment (%2e) with 400";
  private static final String JETTY_ENCODED_SLASH =
      "Jetty 12's default UriCompliance refuses an ambiguous path separator (%2F) with 400";
  private static final String JETTY_CONTROL_CHARACTER =
      "Jetty 12 refuses a control character in a header value with 400 (Illegal character CNTL)";
  private static final String JETTY_DUPLICATE_HOST =
      "Jetty 12 refuses two Host headers with 400 (RFC 9112 §3.2)";
  private static final String JETTY_NO_HOST =
      "Jetty 12 refuses an HTTP/1.1 request without Host with 400 (RFC 9112 §3.2)";
  private static final String UNDERTOW_WHITESPACE =
      "Undertow collapses whitespace in a header value to one space: the tab after the comma"
          + " reaches the library and the application as a space, a valid Authorization";
  private static final String RESTEASY_METHOD =
      "RESTEasy takes a method in any case for the uppercase one: 'post' reaches the library and"
          + " the resource as POST, the signed method (the servlet WAR on the same Undertow gets"
          + " 'post' and the library's 401)";
  private static final String RESTEASY_CONTENT_TYPE =
      "RESTEasy on Undertow shows JAX-RS, and so the library, only the first Content-Type line:"
          + " both see the signed value once";
  private static final String UNDERTOW_SMUGGLING =
      "Undertow refuses Content-Length with Transfer-Encoding with 400 (RFC 9112 §6.1 allows it)";
  private static final String UNDERTOW_DUPLICATE_HOST =
      "Undertow refuses two Host headers with 400 (RFC 9112 §3.2)";
  private static final String UNDERTOW_NO_HOST =
      "Undertow refuses an HTTP/1.1 request without Host with 400 (RFC 9112 §3.2)";
  private static final String RESTEASY_NO_MATCH =
      "RESTEasy matches no resource at this spelling of the path (it neither removes dot segments"
          + " nor merges slashes nor decodes unreserved characters before matching): 404, and the"
          + " @HmacSigned filter, bound to resources, never runs";
  private static final String UNDERTOW_SERVLET_ENCODED_SLASH =
      "Undertow does not decode %2F (allow-encoded-slash is off): /api%2Fecho is not below the"
          + " /api/* mapping of the filter and the servlet, and the default servlet answers 405 to"
          + " a POST";
  private static final String UNDERTOW_ENCODED_SLASH =
      "Undertow does not decode %2F (allow-encoded-slash is off) and RESTEasy matches no resource"
          + " at a path with %2F for its last /: 404, the filter never runs";
  private static final String CXF_ENCODED_SLASH =
      "CXF's Jetty transport lets %2F through (UriCompliance.LEGACY) and CXF matches no resource"
          + " at it: 404, before the filter runs";
  private static final String TOMCAT_HEADER_SIZE =
      "Tomcat refuses a request head over its 8 KiB maxHttpHeaderSize with 400; its default"
          + " ErrorReportValve prints the IllegalArgumentException";
  private static final String TOMCAT_CUT_SHORT =
      "Tomcat answers a failed body read itself: InputBuffer.handleReadException calls"
          + " sendError(400) while the library reads, which suspends the response, so the"
          + " library's 401 is dropped; its default ErrorReportValve prints the EOFException";
  private static final String TOMCAT_CONTROL_CHARACTER =
      "Tomcat refuses a control character in a header value with 400 (the header line does not"
          + " conform to RFC 7230); its default ErrorReportValve prints the exception";
  private static final String VERTX_SMUGGLING =
      "Vert.x (Netty's HTTP/1.1 decoder) refuses Content-Length with Transfer-Encoding with 400"
          + " before Quarkus routes the request (RFC 9112 §6.1 allows it)";
  private static final String VERTX_CONTROL_CHARACTER =
      "Vert.x (Netty's HTTP/1.1 decoder, strict header validation) refuses a control character in"
          + " a header value with 400";
  private static final String VERTX_NO_HOST =
      "Vert.x refuses an HTTP/1.1 request without Host (\"For HTTP/1.x requests, the 'Host'"
          + " header is required\"): Quarkus's error handler answers 400 with an error id and no"
          + " stack trace, before any filter runs";
  private static final String QUARKUS_REST_NORMALIZED =
      "Quarkus REST matches and shows filters the normalized path: routing uses Vert.x's"
          + " normalizedPath() (dot segments removed, slashes merged), UriInfo#getRequestUri is"
          + " URI#normalize()d ('TCK says normalized'), and matrix parameters are cut from the path"
          + " (ResteasyReactiveRequestContext#initPathSegments); the library and the resource both"
          + " see the signed /api/echo";
  private static final String QUARKUS_REST_METHOD =
      "Quarkus REST matches methods case-sensitively: 'post' names no resource method, so 405,"
          + " before the post-matching @HmacSigned filter runs";
  private static final String QUARKUS_REST_NO_MATCH =
      "Quarkus REST matches no resource at this spelling of the path (paths are case-sensitive"
          + " and %2F is not a separator): 404, and the @HmacSigned filter, bound to resources,"
          + " never runs";
  private static final String HELIDON_METHOD =
      "Helidon WebServer upper-cases the method as it parses it (Method.create): 'post' reaches"
          + " Jersey, the library and the resource as POST, the signed method";
  private static final String HELIDON_NO_MATCH =
      "Jersey in Helidon matches no resource at this spelling of the path (it neither removes dot"
          + " segments nor merges slashes nor decodes unreserved characters before matching, and"
          + " Helidon takes an absolute-form target for the path): Helidon answers 404 'Endpoint"
          + " not found', and the @HmacSigned filter, bound to resources, never runs";
  private static final String HELIDON_HEADERS =
      "Helidon WebServer refuses the request head with 400 and closes the connection, before"
          + " Jersey runs: a control character in a header value, two Host headers, or none (RFC"
          + " 9112 §3.2)";
  private static final String TOMCAT_ENCODED_SLASH =
      "Tomcat rejects %2F in a path by default (encodedSolidusHandling=reject) with 400";
  private static final String TOMCAT_DUPLICATE_HOST =
      "Tomcat refuses two Host headers with 400 (RFC 9112 §3.2)";
  private static final String TOMCAT_NO_HOST =
      "Tomcat refuses an HTTP/1.1 request without Host with 400 (RFC 9112 §3.2)";

  private final Map<String, Answer> byAttack;

  private ContainerAnswers(Map<String, Answer> byAttack) {
    this.byAttack = Map.copyOf(byAttack);
  }

  /**
   * A container's answer to one attack.
   *
   * @param status the status it answers; 200 for a request the container rewrites into the signed
   *     one, which must then be accepted with its body intact
   * @param reason why, as documented or observed
   * @param errorReport whether the container's default error page shows the exception it refused
   *     the request for (Tomcat's {@code ErrorReportValve} does, unless {@code showReport="false"})
   * @param libraryCode for a container that hands the library another request than the one sent,
   *     the problem code of the library's rejection; {@code null} for the container's own answer
   */
  public record Answer(int status, String reason, boolean errorReport, String libraryCode) {
    /**
     * Whether this is a rewrite rather than a refusal.
     *
     * @return whether the request is to be accepted
     */
    public boolean rewrite() {
      return status == 200;
    }
  }

  /**
   * No entry: the library answers every attack.
   *
   * @return the empty allow-list
   */
  public static ContainerAnswers none() {
    return new ContainerAnswers(Map.of());
  }

  /**
   * The same allow-list with one more refusal: the container answers the attack itself, with that
   * status, no problem {@code code} and no HMAC challenge.
   *
   * @param attack the attack's name ({@link AttackCorpus})
   * @param status the status the container answers
   * @param reason why
   * @return the allow-list
   * @throws IllegalArgumentException if no attack has that name
   */
  public ContainerAnswers refuses(String attack, int status, String reason) {
    return with(attack, new Answer(status, reason, false, null));
  }

  /**
   * As {@link #refuses}, for a container whose default error page shows the exception it refused
   * the request for: a choice of the container's defaults, which a production server turns off.
   *
   * @param attack the attack's name
   * @param status the status the container answers
   * @param reason why
   * @return the allow-list
   */
  public ContainerAnswers refusesWithErrorReport(String attack, int status, String reason) {
    return with(attack, new Answer(status, reason, true, null));
  }

  /**
   * The same allow-list with one more rewrite: the container turns the hostile spelling into the
   * signed request before the library and the application see it, so both see what was signed and
   * the request is accepted, with its body intact.
   *
   * @param attack the attack's name
   * @param reason what the container rewrites
   * @return the allow-list
   */
  public ContainerAnswers rewrites(String attack, String reason) {
    return with(attack, new Answer(200, reason, false, null));
  }

  /**
   * The same allow-list with one more alteration: the container hands the library another request
   * than the one sent (an authority of its own, for example), which the library rejects with its
   * 401 and this code. Safe, but not the answer the protocol documents for the spelling sent.
   *
   * @param attack the attack's name
   * @param libraryCode the problem code of the library's rejection
   * @param reason what the container alters
   * @return the allow-list
   */
  public ContainerAnswers alters(String attack, String libraryCode, String reason) {
    return with(attack, new Answer(401, reason, false, libraryCode));
  }

  private ContainerAnswers with(String attack, Answer answer) {
    AttackCorpus.named(attack);
    Map<String, Answer> more = new LinkedHashMap<>(byAttack);
    more.put(attack, answer);
    return new ContainerAnswers(more);
  }

  /**
   * The entry for an attack.
   *
   * @param attack the attack's name
   * @return the container's answer, if it is allowed one
   */
  public Optional<Answer> forAttack(String attack) {
    return Optional.ofNullable(byAttack.get(attack));
  }

  /**
   * How many entries.
   *
   * @return the size
   */
  public int size() {
    return byAttack.size();
  }

  /**
   * The allow-list of a server.
   *
   * @param server the server: an embedded runtime of the matrix ({@code jersey-grizzly}, {@code
   *     jersey-jetty}, {@code resteasy-undertow}, {@code servlet-jetty}, {@code servlet-tomcat},
   *     {@code cxf-server}), an embedded contract server ({@code jersey}, {@code resteasy}), or a
   *     WAR on an application server ({@code wildfly-jaxrs}, {@code wildfly-servlet}, {@code
   *     glassfish-jaxrs}, {@code glassfish-servlet}, {@code payara-jaxrs}, {@code payara-servlet},
   *     {@code liberty-jaxrs}, {@code liberty-servlet}), or the contract application on a
   *     MicroProfile runtime ({@code quarkus-rest}, {@code quarkus-resteasy}, {@code helidon})
   * @return its allow-list
   * @throws IllegalArgumentException for a server this class does not know
   */
  public static ContainerAnswers of(String server) {
    ContainerAnswers none = none();
    return switch (server) {
      case "jersey-grizzly" ->
          none.refuses("auth-over-8KiB", 400, GRIZZLY_HEADER_SIZE)
              .refuses("auth-bearer-over-8KiB", 400, GRIZZLY_HEADER_SIZE)
              .refuses("method-lowercase", 405, JERSEY_METHOD)
              .refuses("path-encoded-slash", 404, JERSEY_NO_MATCH)
              .refuses("host-removed", 400, GRIZZLY_NO_HOST)
              .refuses("content-type-repeated", 400, JERSEY_CONTENT_TYPE);
      case "jersey" ->
          // The contract application on Jersey and Grizzly: its echo is a fixed path, not the
          // matrix's {path: .*}, so spellings Jersey does not match are 404s.
          of("jersey-grizzly")
              .refuses("path-double-slash", 404, JERSEY_NO_MATCH)
              .refuses("path-dot-segment", 404, JERSEY_NO_MATCH)
              .refuses("path-dot-dot-segment", 404, JERSEY_NO_MATCH)
              .refuses("path-encoded-dot", 404, JERSEY_NO_MATCH)
              .refuses("path-case", 404, JERSEY_NO_MATCH)
              .refuses("path-encoded-unreserved", 404, JERSEY_NO_MATCH);
      case "jersey-jetty" ->
          jetty(none)
              .refuses("method-lowercase", 405, JERSEY_METHOD)
              .refuses("content-type-repeated", 400, JERSEY_CONTENT_TYPE);
      case "servlet-jetty" -> jetty(none);
      case "resteasy-undertow" ->
          none.rewrites("auth-tab-after-comma", UNDERTOW_WHITESPACE)
              .rewrites("method-lowercase", RESTEASY_METHOD)
              .rewrites("content-type-repeated", RESTEASY_CONTENT_TYPE)
              .refuses("body-length-and-chunked", 400, UNDERTOW_SMUGGLING)
              .refuses("path-encoded-slash", 404, UNDERTOW_ENCODED_SLASH)
              .refuses("host-repeated", 400, UNDERTOW_DUPLICATE_HOST)
              .refuses("host-removed", 400, UNDERTOW_NO_HOST);
      case "servlet-tomcat" ->
          none.refusesWithErrorReport("auth-over-8KiB", 400, TOMCAT_HEADER_SIZE)
              .refusesWithErrorReport("auth-bearer-over-8KiB", 400, TOMCAT_HEADER_SIZE)
              .refusesWithErrorReport("body-cut-short", 400, TOMCAT_CUT_SHORT)
              .refusesWithErrorReport(
                  "covered-header-control-character", 400, TOMCAT_CONTROL_CHARACTER)
              .refuses("path-encoded-slash", 400, TOMCAT_ENCODED_SLASH)
              .refuses("host-repeated", 400, TOMCAT_DUPLICATE_HOST)
              .refuses("host-removed", 400, TOMCAT_NO_HOST);
      case "cxf-server" ->
          none.refuses("auth-over-8KiB", 431, JETTY_HEADER_SIZE)
              .refuses("auth-bearer-over-8KiB", 431, JETTY_HEADER_SIZE)
              .refuses("body-length-and-chunked", 400, JETTY_SMUGGLING)
              .refuses("covered-header-control-character", 400, JETTY_CONTROL_CHARACTER)
              .refuses("path-encoded-slash", 404, CXF_ENCODED_SLASH)
              .refuses("host-repeated", 400, JETTY_DUPLICATE_HOST)
              .refuses("host-removed", 400, JETTY_NO_HOST);
      case "resteasy", "wildfly-jaxrs" ->
          // the contract application on RESTEasy and Undertow, embedded or in WildFly
          none.rewrites("auth-tab-after-comma", UNDERTOW_WHITESPACE)
              .rewrites("method-lowercase", RESTEASY_METHOD)
              .rewrites("content-type-repeated", RESTEASY_CONTENT_TYPE)
              .refuses("body-length-and-chunked", 400, UNDERTOW_SMUGGLING)
              .refuses("path-double-slash", 404, RESTEASY_NO_MATCH)
              .refuses("path-dot-segment", 404, RESTEASY_NO_MATCH)
              .refuses("path-dot-dot-segment", 404, RESTEASY_NO_MATCH)
              .refuses("path-encoded-dot", 404, RESTEASY_NO_MATCH)
              .refuses("path-encoded-slash", 404, UNDERTOW_ENCODED_SLASH)
              .refuses("path-case", 404, RESTEASY_NO_MATCH)
              .refuses("path-encoded-unreserved", 404, RESTEASY_NO_MATCH)
              .refuses("host-repeated", 400, UNDERTOW_DUPLICATE_HOST)
              .refuses("host-removed", 400, UNDERTOW_NO_HOST);
      case "wildfly-servlet" ->
          none.rewrites("auth-tab-after-comma", UNDERTOW_WHITESPACE)
              .refuses("body-length-and-chunked", 400, UNDERTOW_SMUGGLING)
              .refuses("path-encoded-slash", 405, UNDERTOW_SERVLET_ENCODED_SLASH)
              .refuses("host-repeated", 400, UNDERTOW_DUPLICATE_HOST)
              .refuses("host-removed", 400, UNDERTOW_NO_HOST);
      case "glassfish-jaxrs" ->
          none.refuses("auth-over-8KiB", 400, GRIZZLY_HEADER_SIZE)
              .refuses("auth-bearer-over-8KiB", 400, GRIZZLY_HEADER_SIZE)
              .refuses("method-lowercase", 405, JERSEY_METHOD)
              .refuses("path-double-slash", 404, JERSEY_NO_MATCH)
              .refuses("path-dot-segment", 404, JERSEY_NO_MATCH)
              .refuses("path-dot-dot-segment", 404, JERSEY_NO_MATCH)
              .refuses("path-encoded-dot", 404, JERSEY_NO_MATCH)
              .refuses("path-encoded-slash", 404, JERSEY_NO_MATCH)
              .refuses("path-case", 404, JERSEY_NO_MATCH)
              .refuses("path-encoded-unreserved", 404, JERSEY_NO_MATCH)
              .refuses("host-removed", 400, GRIZZLY_NO_HOST)
              .refuses("content-type-repeated", 400, JERSEY_CONTENT_TYPE);
      case "glassfish-servlet" ->
          none.refuses("auth-over-8KiB", 400, GRIZZLY_HEADER_SIZE)
              .refuses("auth-bearer-over-8KiB", 400, GRIZZLY_HEADER_SIZE)
              .refuses("host-removed", 400, GRIZZLY_NO_HOST);
      case "payara-jaxrs" -> payara(of("glassfish-jaxrs"));
      case "payara-servlet" -> payara(of("glassfish-servlet"));
      case "liberty-servlet" ->
          none.rewrites("method-lowercase", LIBERTY_METHOD)
              .refusesWithErrorReport("path-encoded-dot", 400, LIBERTY_ENCODED_CHARACTER)
              .refusesWithErrorReport("path-encoded-slash", 400, LIBERTY_ENCODED_CHARACTER)
              .alters("host-removed", "invalid_signature", LIBERTY_NO_HOST);
      case "liberty-jaxrs" ->
          // the contract application on RESTEasy in Open Liberty's web container
          of("liberty-servlet")
              .rewrites("content-type-repeated", LIBERTY_CONTENT_TYPE)
              .refuses("path-double-slash", 404, RESTEASY_NO_MATCH)
              .refuses("path-dot-segment", 404, RESTEASY_NO_MATCH)
              .refuses("path-dot-dot-segment", 404, RESTEASY_NO_MATCH)
              .refuses("path-case", 404, RESTEASY_NO_MATCH)
              .refuses("path-encoded-unreserved", 404, RESTEASY_NO_MATCH);
      case "quarkus-rest" ->
          // the contract application on Quarkus REST (RESTEasy Reactive) and Vert.x
          none.refuses("body-length-and-chunked", 400, VERTX_SMUGGLING)
              .refuses("covered-header-control-character", 400, VERTX_CONTROL_CHARACTER)
              .refuses("host-removed", 400, VERTX_NO_HOST)
              .refuses("method-lowercase", 405, QUARKUS_REST_METHOD)
              .rewrites("path-double-slash", QUARKUS_REST_NORMALIZED)
              .rewrites("path-dot-segment", QUARKUS_REST_NORMALIZED)
              .rewrites("path-dot-dot-segment", QUARKUS_REST_NORMALIZED)
              .rewrites("path-matrix-parameter", QUARKUS_REST_NORMALIZED)
              .refuses("path-encoded-slash", 404, QUARKUS_REST_NO_MATCH)
              .refuses("path-case", 404, QUARKUS_REST_NO_MATCH);
      case "quarkus-resteasy" ->
          // the contract application on RESTEasy Classic in Quarkus, on Vert.x
          none.refuses("body-length-and-chunked", 400, VERTX_SMUGGLING)
              .refuses("covered-header-control-character", 400, VERTX_CONTROL_CHARACTER)
              .refuses("host-removed", 400, VERTX_NO_HOST)
              .refuses("path-double-slash", 404, RESTEASY_NO_MATCH)
              .refuses("path-dot-segment", 404, RESTEASY_NO_MATCH)
              .refuses("path-dot-dot-segment", 404, RESTEASY_NO_MATCH)
              .refuses("path-encoded-dot", 404, RESTEASY_NO_MATCH)
              .refuses("path-encoded-slash", 404, RESTEASY_NO_MATCH)
              .refuses("path-case", 404, RESTEASY_NO_MATCH)
              .refuses("path-encoded-unreserved", 404, RESTEASY_NO_MATCH);
      case "helidon" ->
          // the contract application on Helidon MP: Jersey on Helidon WebServer
          none.rewrites("method-lowercase", HELIDON_METHOD)
              .refuses("path-double-slash", 404, HELIDON_NO_MATCH)
              .refuses("path-dot-segment", 404, HELIDON_NO_MATCH)
              .refuses("path-dot-dot-segment", 404, HELIDON_NO_MATCH)
              .refuses("path-encoded-dot", 404, HELIDON_NO_MATCH)
              .refuses("path-encoded-slash", 404, HELIDON_NO_MATCH)
              .refuses("path-case", 404, HELIDON_NO_MATCH)
              .refuses("path-encoded-unreserved", 404, HELIDON_NO_MATCH)
              .refuses("path-absolute-form", 404, HELIDON_NO_MATCH)
              .refuses("covered-header-control-character", 400, HELIDON_HEADERS)
              .refuses("host-repeated", 400, HELIDON_HEADERS)
              .refuses("host-removed", 400, HELIDON_HEADERS)
              .refuses("content-type-repeated", 400, JERSEY_CONTENT_TYPE);
      default -> throw new IllegalArgumentException("no allow-list for server " + server);
    };
  }

  /**
   * What Payara Micro 6's Grizzly refuses besides GlassFish 7.0's: header values that are not
   * visible ASCII, and Content-Length with Transfer-Encoding.
   */
  private static ContainerAnswers payara(ContainerAnswers glassfish) {
    return glassfish
        .refuses("auth-keyid-not-ascii", 400, GRIZZLY_HEADER_VALUE)
        .refuses("covered-header-not-ascii", 400, GRIZZLY_HEADER_VALUE)
        .refuses("covered-header-control-character", 400, GRIZZLY_HEADER_VALUE)
        .refuses("body-length-and-chunked", 400, GRIZZLY_SMUGGLING);
  }

  /** What Jetty 12 on its default settings refuses, with or without Jersey. */
  private static ContainerAnswers jetty(ContainerAnswers answers) {
    return answers
        .refuses("auth-over-8KiB", 431, JETTY_HEADER_SIZE)
        .refuses("auth-bearer-over-8KiB", 431, JETTY_HEADER_SIZE)
        .refuses("body-length-and-chunked", 400, JETTY_SMUGGLING)
        .refuses("covered-header-control-character", 400, JETTY_CONTROL_CHARACTER)
        .refuses("path-double-slash", 400, JETTY_EMPTY_SEGMENT)
        .refuses("path-encoded-dot", 400, JETTY_ENCODED_DOT)
        .refuses("path-encoded-slash", 400, JETTY_ENCODED_SLASH)
        .refuses("host-repeated", 400, JETTY_DUPLICATE_HOST)
        .refuses("host-removed", 400, JETTY_NO_HOST);
  }

  /**
   * The allow-list key of a contract suite's server, from its name: {@code jersey} or {@code
   * resteasy} for the embedded servers, {@code wildfly-jaxrs} and so on for a WAR.
   *
   * @param serverName the name of the server under test ({@code ServerUnderTest#name})
   * @return the key for {@link #of}
   */
  public static String contractServer(String serverName) {
    String name = serverName.toLowerCase(Locale.ROOT);
    String war = name.contains("hmac-servlet") ? "servlet" : "jaxrs";
    if (name.startsWith("wildfly")) {
      return "wildfly-" + war;
    }
    if (name.startsWith("glassfish")) {
      return "glassfish-" + war;
    }
    if (name.startsWith("payara")) {
      return "payara-" + war;
    }
    if (name.startsWith("open liberty")) {
      return "liberty-" + war;
    }
    return name;
  }
}
