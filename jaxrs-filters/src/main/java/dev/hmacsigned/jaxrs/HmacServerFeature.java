package dev.hmacsigned.jaxrs;

import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.KeySource;
import dev.hmacsigned.core.ReplayStore;
import dev.hmacsigned.core.VerificationListener;
import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Turns on verification of {@link HmacSigned} resources: registers the verification filter and the
 * enforcement of {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on those resources.
 *
 * <p>Three ways to get it:
 *
 * <pre>{@code
 * // 1. In code, with keys and settings:
 * resourceConfig.register(HmacServerFeature.builder()
 *     .keysFile(Path.of("/etc/hmac/keys.properties"))
 *     .clockSkew(Duration.ofMinutes(2))
 *     .build());
 *
 * // 2. In code, from configuration (hmac.keys.file and the other names of protocol §8):
 * resourceConfig.register(HmacServerFeature.class);
 *
 * // 3. In a WAR, nothing: the jar's @Provider is discovered, and it configures itself from
 * //    Application#getProperties, MicroProfile Config, system properties or the environment.
 * }</pre>
 *
 * <p>How runtimes find it without code: WARs scan for its {@code @Provider}; Quarkus reads the
 * jar's Jandex index ({@code META-INF/jandex.idx}); Helidon MP and other runtimes that take
 * providers from CDI see it as a {@code @Dependent} bean of the jar's bean archive ({@code
 * META-INF/beans.xml}, discovery mode {@code annotated}). It is a server feature only
 * ({@code @ConstrainedTo(SERVER)}): on a client it does nothing.
 *
 * <p>Settings given to the builder come first; anything not set falls back to the configuration
 * names ({@link HmacConfig}). Configuration is read once, when the application is deployed. A keys
 * file that cannot be read at deployment fails the deployment: that is a server error, not a 401.
 *
 * <p>Security: replay protection, a 300 s skew and a 10 MiB body limit are on by default. Requests
 * that pass through {@code HmacServletFilter} first are verified once; the result is reused.
 */
@Provider
@Dependent
@ConstrainedTo(RuntimeType.SERVER)
public final class HmacServerFeature implements Feature {
  /**
   * The request property the filter reads the caller's address from, for its log lines: a {@code
   * String}, or a {@code Supplier<String>}. {@link RemoteAddressListener} sets it on servlet
   * containers; Helidon MP's own {@code io.helidon.jaxrs.remote-host} is read when it is absent; on
   * other runtimes, an application's {@code @PreMatching} filter may set it.
   */
  public static final String REMOTE_ADDRESS_PROPERTY = "dev.hmacsigned.remote-address";

  private final Settings settings;

  /** The feature configured from the names of protocol §8; what WAR discovery instantiates. */
  public HmacServerFeature() {
    this(Settings.NONE);
  }

  private HmacServerFeature(Settings settings) {
    this.settings = settings;
  }

  /**
   * A feature that verifies with a verifier built in code, with all its settings; nothing is read
   * from configuration.
   *
   * @param verifier the verifier
   * @return the feature
   */
  public static HmacServerFeature of(HmacVerifier verifier) {
    Objects.requireNonNull(verifier, "verifier");
    return new HmacServerFeature(
        new Settings(verifier, null, null, null, null, null, null, List.of()));
  }

  /**
   * Starts a feature configured in code.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Registers the filters. Called by the JAX-RS runtime.
   *
   * @param context the application's feature context
   * @return {@code true} on a server; {@code false} on a client, where it registers nothing
   */
  @Override
  public boolean configure(FeatureContext context) {
    Configuration configuration = context.getConfiguration();
    if (configuration.getRuntimeType() == RuntimeType.CLIENT) {
      return false; // a client found it (autodiscovery): nothing to verify there, no keys to read
    }
    if (configuration.isRegistered(HmacContainerFilter.class)) {
      return true; // registered twice (code and discovery): one filter is enough
    }
    HmacVerifier verifier = settings.verifier(configuration::getProperty);
    context.register(new SentMethodRecorder());
    context.register(new HmacContainerFilter(verifier));
    context.register(new RolesAllowedBinding());
    return true;
  }

  @Override
  public String toString() {
    return "HmacServerFeature";
  }

  /**
   * Configures an {@link HmacServerFeature} in code. Anything left unset falls back to the
   * configuration names of protocol §8.
   */
  public static final class Builder {
    private @Nullable HmacVerifier verifier;
    private @Nullable KeySource keySource;
    private @Nullable Duration clockSkew;
    private @Nullable Long maxBodyBytes;
    private @Nullable ReplayStore replayStore;
    private @Nullable String realm;
    private @Nullable InstantSource clock;
    private final List<VerificationListener> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * Uses a verifier built in full, with its own keys and settings: no other setting of this
     * builder may be given then. {@link HmacServerFeature#of(HmacVerifier)} says the same in one
     * call.
     *
     * @param verifier the verifier
     * @return this builder
     */
    public Builder verifier(HmacVerifier verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier");
      return this;
    }

    /**
     * Sets where keys come from, instead of {@code hmac.keys.file}.
     *
     * @param keySource the keys
     * @return this builder
     */
    public Builder keySource(KeySource keySource) {
      this.keySource = Objects.requireNonNull(keySource, "keySource");
      return this;
    }

    /**
     * Reads keys from a keys file (protocol v1 §7.1), reloaded when it changes.
     *
     * @param keysFile the file
     * @return this builder
     */
    public Builder keysFile(Path keysFile) {
      return keySource(KeySource.keysFile(keysFile));
    }

    /**
     * Sets the allowed clock skew (default 300 s, at most 15 minutes).
     *
     * @param clockSkew the skew
     * @return this builder
     */
    public Builder clockSkew(Duration clockSkew) {
      this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
      return this;
    }

    /**
     * Sets the largest body verified (default 10 MiB); longer bodies get 413.
     *
     * @param maxBodyBytes bytes
     * @return this builder
     */
    public Builder maxBodyBytes(long maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * Sets the replay store (default: in memory, per JVM).
     *
     * @param replayStore the store
     * @return this builder
     */
    public Builder replayStore(ReplayStore replayStore) {
      this.replayStore = Objects.requireNonNull(replayStore, "replayStore");
      return this;
    }

    /**
     * Sets the realm of the {@code WWW-Authenticate} challenges (default {@code api}).
     *
     * @param realm the realm
     * @return this builder
     */
    public Builder realm(String realm) {
      this.realm = Objects.requireNonNull(realm, "realm");
      return this;
    }

    /**
     * Sets the clock (default: the system clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Adds a listener told of every verdict, beside the log and the listeners of {@value
     * HmacConfig#LISTENERS}: for example {@code HmacMicrometer.verificationListener(registry)}.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder addListener(VerificationListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Builds the feature. The verifier itself is built when the feature is registered, so that the
     * framework's properties can fill in what is not set here. The feature keeps a copy of the
     * settings: changing this builder afterwards does not change it.
     *
     * @return the feature
     * @throws HmacConfigurationException if a verifier is given together with other settings, which
     *     it would ignore
     */
    public HmacServerFeature build() {
      if (verifier != null
          && (keySource != null
              || clockSkew != null
              || maxBodyBytes != null
              || replayStore != null
              || realm != null
              || clock != null
              || !listeners.isEmpty())) {
        throw new HmacConfigurationException(
            "A verifier carries its own keys and settings: give HmacServerFeature either"
                + " verifier(...) or keys and settings, not both (or use HmacServerFeature.of).");
      }
      return new HmacServerFeature(
          new Settings(
              verifier,
              keySource,
              clockSkew,
              maxBodyBytes,
              replayStore,
              realm,
              clock,
              List.copyOf(listeners)));
    }
  }

  /**
   * What the builder set, immutable; {@code null} where the configuration decides. This is the one
   * place where "the builder wins, the configuration fills the gaps" is written.
   */
  private record Settings(
      @Nullable HmacVerifier verifier,
      @Nullable KeySource keySource,
      @Nullable Duration clockSkew,
      @Nullable Long maxBodyBytes,
      @Nullable ReplayStore replayStore,
      @Nullable String realm,
      @Nullable InstantSource clock,
      List<VerificationListener> listeners) {
    static final Settings NONE = new Settings(null, null, null, null, null, null, null, List.of());

    HmacVerifier verifier(Function<String, ?> frameworkProperties) {
      if (verifier != null) {
        return verifier;
      }
      HmacVerifier.Builder builder =
          HmacConfig.lookup(frameworkProperties).verifierBuilder(keySource);
      if (clockSkew != null) {
        builder.clockSkew(clockSkew);
      }
      if (maxBodyBytes != null) {
        builder.maxBodyBytes(maxBodyBytes);
      }
      if (replayStore != null) {
        builder.replayStore(replayStore);
      }
      if (realm != null) {
        builder.realm(realm);
      }
      if (clock != null) {
        builder.clock(clock);
      }
      listeners.forEach(builder::addListener);
      return builder.build();
    }
  }
}
