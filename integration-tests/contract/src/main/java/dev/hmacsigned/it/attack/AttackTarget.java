package dev.hmacsigned.it.attack;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A server as the attacks see it: where to connect, four signed endpoints, the body limit and the
 * clock skew it is configured with, and what its container answers itself ({@link
 * ContainerAnswers}).
 *
 * @param name names the server in test names and the summary line
 * @param host the host to connect to, also the value of {@code Host}
 * @param port the port
 * @param endpoints the signed endpoints, by role
 * @param maxBodyBytes the server's {@code hmac.max-body-bytes}
 * @param skewSeconds the server's {@code hmac.clock-skew}
 * @param answers the container's own answers to some attacks, allowed with their reasons
 */
public record AttackTarget(
    String name,
    String host,
    int port,
    Map<Role, Endpoint> endpoints,
    long maxBodyBytes,
    int skewSeconds,
    ContainerAnswers answers) {

  /** The principal of {@link dev.hmacsigned.it.ContractKeys#ORDERS}, the key the attacks use. */
  static final String PRINCIPAL = "orders-service";

  /** Checks that every role has an endpoint. */
  public AttackTarget {
    endpoints = Map.copyOf(endpoints);
    for (Role role : Role.values()) {
      Objects.requireNonNull(endpoints.get(role), role + " endpoint");
    }
  }

  /** What an endpoint is used for. */
  public enum Role {
    /** POST and PUT: the small bodies, echoed. */
    ECHO,
    /** POST: another signed resource, for nonces raced across endpoints. */
    OTHER,
    /** GET and HEAD: a signed resource without a body. */
    GET,
    /** POST: bodies at the limit; answers what it read without sending it back. */
    BULK
  }

  /** How a 200 from an endpoint proves that the application received the body byte for byte. */
  public enum Proof {
    /** The body comes back as it was sent, with {@code X-Hmac-Principal}. */
    BODY_ECHOED,
    /** The body is answered as {@code <length> <sha-256 hex>}. */
    LENGTH_AND_DIGEST,
    /** The answer starts with the principal's name. */
    PRINCIPAL_NAMED,
    /**
     * The matrix's echo ({@code EchoReply}): {@code X-Body-Sha256}, {@code X-Method} and {@code
     * X-Principal}, and the length in the JSON body.
     */
    ECHO_REPLY
  }

  /**
   * A signed endpoint.
   *
   * @param path its path, as on the wire (context path included)
   * @param proof how its 200 proves the body arrived
   */
  public record Endpoint(String path, Proof proof) {}

  /**
   * The contract application ({@code SignedResource} or {@code ContractServlet}) below a base URI:
   * {@code api/echo}, {@code api/digest} and {@code api/whoami}.
   *
   * @param name the server's name
   * @param baseUri the application's root, ending in {@code /}
   * @param maxBodyBytes the body limit
   * @param answers the container's own answers
   * @return the target
   */
  public static AttackTarget contractApplication(
      String name, URI baseUri, long maxBodyBytes, ContainerAnswers answers) {
    String base = baseUri.getRawPath();
    Endpoint digest = new Endpoint(base + "api/digest", Proof.LENGTH_AND_DIGEST);
    return new AttackTarget(
        name,
        baseUri.getHost(),
        baseUri.getPort(),
        Map.of(
            Role.ECHO,
            new Endpoint(base + "api/echo", Proof.BODY_ECHOED),
            Role.OTHER,
            digest,
            Role.GET,
            new Endpoint(base + "api/whoami", Proof.PRINCIPAL_NAMED),
            Role.BULK,
            digest),
        maxBodyBytes,
        300,
        answers);
  }

  /**
   * The compatibility matrix's echo endpoint ({@code EchoResource} or {@code EchoServlet}), which
   * answers every method at every path below its base.
   *
   * @param name the server's name
   * @param echoBase the echo base, without a trailing {@code /}
   * @param maxBodyBytes the body limit
   * @param answers the container's own answers
   * @return the target
   */
  public static AttackTarget echoEndpoint(
      String name, URI echoBase, long maxBodyBytes, ContainerAnswers answers) {
    String base = echoBase.getRawPath();
    return new AttackTarget(
        name,
        echoBase.getHost(),
        echoBase.getPort(),
        Map.of(
            Role.ECHO, new Endpoint(base + "/echo", Proof.ECHO_REPLY),
            Role.OTHER, new Endpoint(base + "/other", Proof.ECHO_REPLY),
            Role.GET, new Endpoint(base + "/get", Proof.ECHO_REPLY),
            Role.BULK, new Endpoint(base + "/bulk", Proof.ECHO_REPLY)),
        maxBodyBytes,
        300,
        answers);
  }

  /**
   * The path of an endpoint.
   *
   * @param role the role
   * @return the path, as on the wire
   */
  public String path(Role role) {
    return endpoints.get(role).path();
  }

  /**
   * {@code Host} as clients send it: {@code host:port}.
   *
   * @return the authority
   */
  public String authority() {
    return host + ":" + port;
  }

  /**
   * What is wrong with a 200 from an endpoint, if anything: it must show the body that was sent,
   * byte for byte, the method that was sent, and the attacks' principal.
   *
   * @param role the endpoint the request went to
   * @param sent the request
   * @param reply the answer
   * @return the mismatch, or empty when the answer proves the request arrived as sent
   */
  Optional<String> wrongProof(Role role, Wire sent, WireReply reply) {
    return wrongProof(role, sent, reply, false);
  }

  /**
   * As {@link #wrongProof(Role, Wire, WireReply)}, for a request whose method a container may have
   * rewritten in another case.
   */
  Optional<String> wrongProof(Role role, Wire sent, WireReply reply, boolean methodInAnyCase) {
    if (reply.status() != 200) {
      return Optional.of("status " + reply.describe());
    }
    byte[] body = sent.body();
    String sha256 = sha256(body);
    switch (endpoints.get(role).proof()) {
      case BODY_ECHOED -> {
        if (!MessageDigest.isEqual(body, reply.body())) {
          return Optional.of(
              "echoed " + reply.body().length + " bytes, not the " + body.length + " sent");
        }
        if (!PRINCIPAL.equals(reply.header("X-Hmac-Principal"))) {
          return Optional.of("X-Hmac-Principal " + reply.header("X-Hmac-Principal"));
        }
      }
      case LENGTH_AND_DIGEST -> {
        String expected = body.length + " " + sha256;
        if (!reply.text().strip().equals(expected)) {
          return Optional.of("read '" + reply.text().strip() + "', sent '" + expected + "'");
        }
      }
      case PRINCIPAL_NAMED -> {
        if (!reply.text().startsWith(PRINCIPAL + " ")) {
          return Optional.of("answered '" + reply.text() + "'");
        }
      }
      case ECHO_REPLY -> {
        if (!sha256.equals(reply.header("X-Body-Sha256"))) {
          return Optional.of("X-Body-Sha256 " + reply.header("X-Body-Sha256") + ", sent " + sha256);
        }
        String method = reply.header("X-Method");
        if (!(methodInAnyCase
            ? sent.method().equalsIgnoreCase(method)
            : sent.method().equals(method))) {
          return Optional.of("X-Method " + reply.header("X-Method") + ", sent " + sent.method());
        }
        if (!PRINCIPAL.equals(reply.header("X-Principal"))) {
          return Optional.of("X-Principal " + reply.header("X-Principal"));
        }
        if (!sent.method().equals("HEAD") && !reply.text().contains("\"length\":" + body.length)) {
          return Optional.of("echo " + reply.text());
        }
      }
    }
    return Optional.empty();
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java SE runtime", e);
    }
  }
}
