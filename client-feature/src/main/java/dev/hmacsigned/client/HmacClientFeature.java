package dev.hmacsigned.client;

import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.HmacSigner;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.core.KeySource;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Signs every request of a Jakarta REST client with protocol v1 of hmac-signed: an {@code
 * Authorization} header with an HMAC over the method, raw path, raw query, covered headers and body
 * digest, and a {@code Content-Digest} header for a non-empty body.
 *
 * <pre>{@code
 * // With a key in hand:
 * HmacKey key = HmacKey.builder("orders-2026-11").secret(secretBytes).build();
 * Client client = ClientBuilder.newClient().register(HmacClientFeature.builder().key(key).build());
 *
 * // From the keys file and settings of protocol v1 §8 (hmac.keys.file, hmac.client.key-id,
 * // hmac.client.headers as system properties or HMAC_KEYS_FILE, … as environment variables):
 * Client client = ClientBuilder.newClient().register(HmacClientFeature.fromConfiguration());
 *
 * // Or from the client's own properties, set before registering the feature as a class:
 * Client client = ClientBuilder.newBuilder()
 *     .property(HmacConfig.KEYS_FILE, "/etc/hmac/client-keys.properties")
 *     .register(HmacClientFeature.class)
 *     .build();
 *
 * Response response = client.target("https://api.example.com/orders").request()
 *     .post(Entity.json(order));
 * HmacRejection.from(response).ifPresent(r -> log.warn("refused: {}", r.code()));
 * }</pre>
 *
 * <p>What is signed is what is sent. The path and query are the raw ones of the request URI, never
 * decoded or re-encoded. {@code host} is the URI's authority (host, plus {@code :port} when the URI
 * names a port), which is what HTTP clients send; an explicit default port ({@code :80} for http,
 * {@code :443} for https) is removed from the request URI first, because clients disagree on
 * whether to send it. A {@code Host} header set on the request is signed as set: RESTEasy's default
 * client sends it, but Jersey's default connector ({@code HttpURLConnection}) drops it, so with
 * Jersey address the server by the name it expects instead. Other covered headers are taken as the
 * client will send them. An entity (a {@code String}, {@code byte[]}, {@code InputStream}, {@code
 * File}, {@code Form}, a JSON object, …) is serialized once into memory, hashed, signed, and then
 * those bytes are written to the connection; it is therefore held in memory in full while it is
 * sent.
 *
 * <p>Portable: only standard JAX-RS contracts are used (a {@code ClientRequestFilter}, a {@code
 * WriterInterceptor} and, for clock learning, a {@code ClientResponseFilter}); it is tested on the
 * Jersey, RESTEasy and Apache CXF clients, and on Quarkus's REST client (RESTEasy Reactive), which
 * takes the entity as soon as the stream it was written to is closed. The request filter runs after
 * filters of the standard priorities, so a header they add can be covered; the interceptor runs
 * outside entity coders such as GZIP, so the encoded bytes on the wire are the ones signed.
 *
 * <p>A rejected request is an ordinary error response; {@link
 * HmacRejection#from(jakarta.ws.rs.core.Response)} turns it into its public code.
 *
 * <p>Security notes:
 *
 * <ul>
 *   <li>The secret never leaves the key object: no log line, exception message or {@code toString}
 *       here contains a secret, a signature, a canonical string or a body. The one exception is
 *       {@link Builder#debug(boolean)}, off by default, which logs the canonical string (never the
 *       secret or the signature) at {@code DEBUG}.
 *   <li>Every request gets a fresh 16-byte random nonce and the current timestamp. A retry is a new
 *       request: send it through the client again so that it is signed again; never replay the
 *       headers of an earlier request.
 *   <li>An existing {@code Authorization} or {@code Content-Digest} header on a request is
 *       replaced.
 *   <li>Cover only headers that are sent on one line: some clients join repeated header values into
 *       one line with {@code ","}, which then differs from the signed {@code ", "}.
 *   <li>Clock learning ({@link Builder#learnClockOffset(boolean)}) is off by default; see there.
 * </ul>
 *
 * <p>A feature is immutable and thread-safe; one instance may serve many clients, which then share
 * its key and learned clock offset.
 */
public final class HmacClientFeature implements Feature {
  /** Request filter priority: after filters of the standard priorities (up to USER, 5000). */
  static final int SIGNING_FILTER_PRIORITY = Priorities.USER + 5000;

  /** Writer interceptor priority: outside ENTITY_CODER (4000), so it sees the bytes on the wire. */
  static final int SIGNING_INTERCEPTOR_PRIORITY = Priorities.AUTHENTICATION;

  private final @Nullable ClientSigning signing; // null: configured from the client's properties
  private final List<HmacClientListener> listeners;

  /**
   * A feature configured when it is registered, from the client's properties and then the lookup of
   * protocol v1 §8 ({@code hmac.keys.file}, {@code hmac.client.key-id}, {@code hmac.client.headers}
   * as client properties, MicroProfile Config, system properties or environment variables). This
   * constructor exists for {@code register(HmacClientFeature.class)}; set the client's properties
   * before that call, as some clients configure a feature as soon as it is registered. In code,
   * prefer {@link #builder()} or {@link #fromConfiguration()}, which fail at once on a bad
   * configuration.
   */
  public HmacClientFeature() {
    this.signing = null;
    this.listeners = List.of();
  }

  private HmacClientFeature(Configured configured) {
    this.signing = configured.signing();
    this.listeners = configured.listeners();
  }

  /** What a feature signs with and tells of the answers. */
  private record Configured(ClientSigning signing, List<HmacClientListener> listeners) {}

  /**
   * Starts a feature.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A feature from the settings of protocol v1 §8, looked up in MicroProfile Config (when present),
   * system properties and environment variables: {@code hmac.keys.file} (required), {@code
   * hmac.client.key-id} (default: the only active key of the file) and {@code hmac.client.headers}
   * (default: {@code host;content-type}). The keys file is re-read when it changes.
   *
   * @return the feature
   * @throws HmacConfigurationException if no keys file is configured, it cannot be read, or the key
   *     to sign with is missing, ambiguous, revoked or expired
   */
  public static HmacClientFeature fromConfiguration() {
    return builder().configuration(HmacConfig.lookup(null)).build();
  }

  /**
   * A feature from the properties of a JAX-RS client {@code Configuration} first, then the lookup
   * of {@link #fromConfiguration()}.
   *
   * @param configuration for example {@code client.getConfiguration()}
   * @return the feature
   * @throws HmacConfigurationException as {@link #fromConfiguration()}
   */
  public static HmacClientFeature fromConfiguration(Configuration configuration) {
    Objects.requireNonNull(configuration, "configuration");
    return builder().configuration(HmacConfig.lookup(configuration::getProperty)).build();
  }

  /**
   * Registers the signing filters on a client. Does nothing on a server.
   *
   * @param context the client's configuration
   * @return {@code true} if the feature was enabled
   * @throws HmacConfigurationException if this feature reads the client's properties and they do
   *     not name a usable key
   */
  @Override
  public boolean configure(FeatureContext context) {
    if (context.getConfiguration().getRuntimeType() != RuntimeType.CLIENT) {
      return false;
    }
    ClientSigning s = signing;
    List<HmacClientListener> l = listeners;
    if (s == null) {
      Configuration configuration = context.getConfiguration();
      Configured configured =
          builder().configuration(HmacConfig.lookup(configuration::getProperty)).configured();
      s = configured.signing();
      l = configured.listeners();
    }
    context.register(new SigningRequestFilter(s), SIGNING_FILTER_PRIORITY);
    context.register(new SigningWriterInterceptor(s), SIGNING_INTERCEPTOR_PRIORITY);
    if (s.learnsClockOffset()) {
      context.register(new ClockOffsetFilter(s), Priorities.AUTHENTICATION);
    }
    if (!l.isEmpty()) {
      context.register(new ResponseListenerFilter(l), Priorities.AUTHENTICATION);
    }
    return true;
  }

  /**
   * The clock offset learned from the server so far (zero unless {@link
   * Builder#learnClockOffset(boolean)} is on and a server answered {@code stale_timestamp}).
   * Positive when the server's clock is ahead of this client's.
   *
   * @return the offset added to the client's clock when signing
   */
  public Duration clockOffset() {
    return signing == null ? Duration.ZERO : signing.clockOffset();
  }

  @Override
  public String toString() {
    return "HmacClientFeature["
        + (signing == null ? "configured from the client's properties" : signing)
        + "]";
  }

  /**
   * Builds an {@link HmacClientFeature}. Values set here come before the {@link
   * #configuration(HmacConfig) configuration}, whatever the order of the calls; everything is
   * checked in {@link #build()}.
   */
  public static final class Builder {
    private @Nullable KeySource keySource;
    private @Nullable String keyId;
    private @Nullable List<String> coveredHeaders;
    private InstantSource clock = InstantSource.system();
    private boolean learnClockOffset;
    private @Nullable Boolean debug;
    private @Nullable HmacConfig configuration;
    private @Nullable HmacClientListener listener;

    private Builder() {}

    /**
     * Tells a listener of the answer to every signed request, for metrics such as {@code
     * hmac.client.requests}, instead of those {@value HmacConfig#CLIENT_LISTENERS} would install
     * from the {@link #configuration(HmacConfig) configuration}; without a configuration, none by
     * default.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(HmacClientListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Signs with this key.
     *
     * @param key an active key
     * @return this builder
     */
    public Builder key(HmacKey key) {
      Objects.requireNonNull(key, "key");
      this.keySource = KeySource.of(KeyRing.of(key));
      this.keyId = key.id();
      return this;
    }

    /**
     * Takes the key from a source, for example {@code KeySource.keysFile(path)}, which follows
     * changes of the file. The key is {@link #keyId(String)}, or else the only active key of the
     * source.
     *
     * @param keySource the source
     * @return this builder
     */
    public Builder keySource(KeySource keySource) {
      this.keySource = Objects.requireNonNull(keySource, "keySource");
      return this;
    }

    /**
     * Chooses the key of the {@link #keySource(KeySource) source} to sign with.
     *
     * @param keyId a key id of the source
     * @return this builder
     */
    public Builder keyId(String keyId) {
      this.keyId = Objects.requireNonNull(keyId, "keyId");
      return this;
    }

    /**
     * Sets the headers to cover, each when the request has it; {@code host} and {@code
     * content-type} by default (protocol v1 §8). Pass none to cover no header.
     *
     * @param names header names, any case; never {@code authorization}
     * @return this builder
     */
    public Builder coveredHeaders(String... names) {
      return coveredHeaders(List.of(names));
    }

    /**
     * Sets the headers to cover, each when the request has it.
     *
     * @param names header names, any case; never {@code authorization}
     * @return this builder
     */
    public Builder coveredHeaders(List<String> names) {
      this.coveredHeaders = List.copyOf(names);
      return this;
    }

    /**
     * Sets the clock of the timestamps; the system clock by default.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Learns the server's clock when it rejects a request as {@code stale_timestamp}; off by
     * default.
     *
     * <p>On a {@code 401} whose problem code is {@code stale_timestamp}, the server's {@code Date}
     * header sets the offset added to this client's clock for every later request. The rejected
     * request is not retried: the caller gets the 401 and retries (through the client, so that the
     * request is signed again with the corrected clock). The offset is shared by all threads and
     * all clients using this feature.
     *
     * <p>Security: the rejection and its {@code Date} are not authenticated. Turn this on only for
     * a server reached over HTTPS, where the answer comes from that server: an attacker able to
     * forge the answer could move the timestamps of later requests (making them fail, or valid only
     * at a later time).
     *
     * @param learn {@code true} to learn
     * @return this builder
     */
    public Builder learnClockOffset(boolean learn) {
      this.learnClockOffset = learn;
      return this;
    }

    /**
     * Logs the canonical string and its fingerprint of every request signed, to find out why a
     * server rejects a signature; off by default, and also read from {@code hmac.client.debug}.
     *
     * <p>The lines go to the {@code System.Logger} {@code dev.hmacsigned.client} at {@code DEBUG}
     * ({@code java.util.logging}: {@code FINE}), so the logger must be at that level too. They come
     * in the form of {@link dev.hmacsigned.core.CanonicalString#debugText()}, line for line as
     * {@code hmac-signed verify --explain} prints the canonical string a server computes, and the
     * fingerprint is the one a server logs with a signature mismatch:
     *
     * <pre>
     * HMAC signed GET /api/items/42: canonical string
     * fingerprint: 3f2a9c0d1e4b
     * scheme: HMAC-SHA256
     * ...
     * </pre>
     *
     * <p>Security: no secret and no signature is logged, but the canonical string shows the
     * request's path, query and covered headers: turn this on while debugging only.
     *
     * @param debug {@code true} to log
     * @return this builder
     */
    public Builder debug(boolean debug) {
      this.debug = debug;
      return this;
    }

    /**
     * Fills the settings not set on this builder from a configuration lookup (protocol v1 §8):
     * {@code hmac.keys.file}, {@code hmac.client.key-id}, {@code hmac.client.headers} (names
     * separated by {@code ;}) and {@code hmac.client.debug} ({@code true} or {@code false}).
     *
     * <pre>{@code
     * HmacClientFeature feature = HmacClientFeature.builder()
     *     .configuration(HmacConfig.lookup(null))
     *     .learnClockOffset(true)
     *     .build();
     * }</pre>
     *
     * @param configuration the lookup, for example {@code HmacConfig.lookup(null)}
     * @return this builder
     */
    public Builder configuration(HmacConfig configuration) {
      this.configuration = Objects.requireNonNull(configuration, "configuration");
      return this;
    }

    /**
     * Builds the feature, checking now that the key to sign with exists and is usable.
     *
     * @return the feature
     * @throws HmacConfigurationException if there is no key source, the key is unknown, ambiguous,
     *     revoked or expired, a covered header is invalid, or the configured keys file cannot be
     *     read
     */
    public HmacClientFeature build() {
      return new HmacClientFeature(configured());
    }

    /**
     * The signing and the listeners: the one given to {@link #listener}, else those {@value
     * HmacConfig#CLIENT_LISTENERS} chooses from the installed providers when there is a
     * configuration.
     */
    private Configured configured() {
      ClientSigning s = signing();
      if (listener != null) {
        return new Configured(s, List.of(listener));
      }
      if (configuration == null) {
        return new Configured(s, List.of());
      }
      List<HmacClientListener> installed = new ArrayList<>();
      for (HmacClientListenerProvider provider :
          configuration.providers(
              HmacConfig.CLIENT_LISTENERS,
              HmacClientListenerProvider.class,
              HmacClientListenerProvider::name)) {
        installed.add(provider.create(configuration));
      }
      return new Configured(s, List.copyOf(installed));
    }

    private ClientSigning signing() {
      KeySource keys = keySource;
      String id = keyId;
      List<String> covered = coveredHeaders;
      Boolean logCanonical = debug;
      if (configuration != null) {
        if (keys == null) {
          Optional<Path> file = configuration.keysFile();
          if (file.isEmpty()) {
            throw new HmacConfigurationException(
                "No keys file for the client: set "
                    + HmacConfig.KEYS_FILE
                    + " (or "
                    + HmacConfig.environmentName(HmacConfig.KEYS_FILE)
                    + ") to the path of a keys file, or build the feature with"
                    + " HmacClientFeature.builder().key(key).");
          }
          keys = KeySource.keysFile(file.get());
        }
        if (id == null) {
          id = configuration.get(HmacConfig.CLIENT_KEY_ID).orElse(null);
        }
        if (covered == null) {
          covered = configuration.get(HmacConfig.CLIENT_HEADERS).map(Builder::split).orElse(null);
        }
        if (logCanonical == null) {
          logCanonical = configuration.get(HmacConfig.CLIENT_DEBUG).map(Builder::flag).orElse(null);
        }
      }
      if (keys == null) {
        throw new HmacConfigurationException(
            "No key to sign with: call key(HmacKey), keySource(KeySource) or"
                + " configuration(HmacConfig).");
      }
      if (id != null && !HmacKey.isValidId(id)) {
        throw new HmacConfigurationException(
            "The client key id is not 1 to 128 characters of [A-Za-z0-9._~-]: fix "
                + HmacConfig.CLIENT_KEY_ID
                + ".");
      }
      return new ClientSigning(
          keys,
          id,
          covered == null ? HmacSigner.DEFAULT_COVERED_HEADERS : covered,
          clock,
          learnClockOffset,
          logCanonical != null && logCanonical);
    }

    private static boolean flag(String value) {
      if (value.equalsIgnoreCase("true")) {
        return true;
      }
      if (value.equalsIgnoreCase("false")) {
        return false;
      }
      throw new HmacConfigurationException(
          HmacConfig.CLIENT_DEBUG + " must be true or false; got '" + value + "'.");
    }

    private static List<String> split(String names) {
      List<String> out = new ArrayList<>();
      for (String name : names.split("[;,]")) {
        if (!name.isBlank()) {
          out.add(name.strip());
        }
      }
      return out;
    }
  }
}
