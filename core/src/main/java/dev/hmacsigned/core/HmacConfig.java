package dev.hmacsigned.core;

import dev.hmacsigned.core.internal.MicroProfileConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads the settings of protocol v1 §8, in this order: the framework's own properties (JAX-RS
 * {@code Configuration}, servlet init parameters), MicroProfile Config when it is on the class
 * path, Java system properties, environment variables ({@code hmac.keys.file} → {@code
 * HMAC_KEYS_FILE}). Values set on an adapter's builder come before all of these.
 *
 * <pre>{@code
 * HmacVerifier verifier = HmacConfig.lookup(servletConfig::getInitParameter).verifier();
 * }</pre>
 *
 * <p>Adapters read the configuration once, when they are deployed, never per request.
 */
public final class HmacConfig {
  /** Path of the keys file (§7.1). No default: without it every signed request is rejected. */
  public static final String KEYS_FILE = "hmac.keys.file";

  /** Allowed clock skew in seconds; default 300, at most 900. */
  public static final String CLOCK_SKEW = "hmac.clock-skew";

  /** Largest body verified, in bytes; default 10485760. */
  public static final String MAX_BODY_BYTES = "hmac.max-body-bytes";

  /** Realm of the {@code WWW-Authenticate} challenges; default {@code api}. */
  public static final String REALM = "hmac.realm";

  /**
   * Replay store: {@code memory} (default) or the name of an installed {@link ReplayStoreProvider}.
   */
  public static final String REPLAY_STORE = "hmac.replay.store";

  /**
   * Most live nonces the {@code memory} replay store keeps; default 4000000, about 27 bytes each
   * (at most 134 MB).
   */
  public static final String REPLAY_MAX_ENTRIES = "hmac.replay.max-entries";

  /**
   * Most live nonces one key id may hold in the {@code memory} replay store; default four fifths of
   * {@code hmac.replay.max-entries}.
   */
  public static final String REPLAY_MAX_ENTRIES_PER_KEY = "hmac.replay.max-entries-per-key";

  /**
   * Listeners installed beside the log by {@link #verifierBuilder()}: {@code auto} (the default)
   * installs every {@link VerificationListenerProvider} found on the class path or module path,
   * {@code none} installs none, and names separated by {@code ,} (for example {@code micrometer})
   * install those, failing when one is not installed.
   */
  public static final String LISTENERS = "hmac.listeners";

  /**
   * Listeners of the client feature's answers ({@code HmacClientListenerProvider}s), chosen as
   * {@value #LISTENERS} chooses the server's: {@code auto} (the default), {@code none}, or names.
   */
  public static final String CLIENT_LISTENERS = "hmac.client.listeners";

  /** Key a client signs with; default the only active key of the keys file. */
  public static final String CLIENT_KEY_ID = "hmac.client.key-id";

  /** Headers a client covers, separated by {@code ;}; default {@code host;content-type}. */
  public static final String CLIENT_HEADERS = "hmac.client.headers";

  /**
   * {@code true} makes a client log the {@link CanonicalString#debugText() canonical string} and
   * fingerprint of every request it signs, at {@code DEBUG} ({@code FINE}); default {@code false}.
   * For finding out why a server rejects a signature, never for production.
   */
  public static final String CLIENT_DEBUG = "hmac.client.debug";

  private static final String MEMORY_STORE = "memory";
  private static final String AUTO = "auto";
  private static final String NONE = "none";

  private static final System.Logger LOG = System.getLogger("dev.hmacsigned");

  private final List<Function<String, ?>> sources;
  private final Map<String, String> environment;

  private HmacConfig(List<Function<String, ?>> sources, Map<String, String> environment) {
    this.sources = sources;
    this.environment = environment;
  }

  /**
   * The standard lookup, with the framework's properties first.
   *
   * @param framework the framework's own properties, or {@code null} if there are none
   * @return the lookup
   */
  public static HmacConfig lookup(@Nullable Function<String, ?> framework) {
    return lookup(framework, System.getenv());
  }

  static HmacConfig lookup(
      @Nullable Function<String, ?> framework, Map<String, String> environment) {
    List<Function<String, ?>> sources = new ArrayList<>();
    if (framework != null) {
      sources.add(framework);
    }
    MicroProfileConfig.lookup().ifPresent(sources::add);
    sources.add(System::getProperty);
    return new HmacConfig(List.copyOf(sources), environment);
  }

  /**
   * The environment variable a property name maps to.
   *
   * @param name for example {@code hmac.keys.file}
   * @return for example {@code HMAC_KEYS_FILE}
   */
  public static String environmentName(String name) {
    return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * Looks a whole-number setting up, with the same message for a bad value as the library's own
   * settings; for the settings of a {@link ReplayStoreProvider} or a listener.
   *
   * @param name a property name
   * @return the value, if set
   * @throws HmacConfigurationException if it is set and not a whole number
   */
  public OptionalLong getLong(String name) {
    Optional<String> value = get(name);
    return value.isPresent() ? OptionalLong.of(parseLong(name, value.get())) : OptionalLong.empty();
  }

  /**
   * Looks a setting up.
   *
   * @param name a property name
   * @return the first non-blank value, stripped
   */
  public Optional<String> get(String name) {
    for (Function<String, ?> source : sources) {
      Object value;
      try {
        value = source.apply(name);
      } catch (RuntimeException e) {
        continue; // a source that cannot answer (a security manager, a broken MP Config) is skipped
      }
      if (value != null && !value.toString().isBlank()) {
        return Optional.of(value.toString().strip());
      }
    }
    String env = environment.get(environmentName(name));
    return env == null || env.isBlank() ? Optional.empty() : Optional.of(env.strip());
  }

  /**
   * The keys file, if configured.
   *
   * @return the path
   */
  public Optional<Path> keysFile() {
    return get(KEYS_FILE).map(Path::of);
  }

  /**
   * A verifier builder with every setting of this configuration applied: keys file, skew, body
   * limit, realm, replay store and {@link #listeners() listeners} (added after the log). Without a
   * keys file it verifies against an empty ring (every signed request is rejected) and logs a
   * warning.
   *
   * @return a builder the caller may refine
   * @throws HmacConfigurationException if a setting is invalid or the keys file cannot be loaded
   */
  public HmacVerifier.Builder verifierBuilder() {
    return verifierBuilder(null);
  }

  /**
   * A verifier builder with the settings of this configuration, and keys from the given source
   * instead of {@code hmac.keys.file} (for an adapter whose builder was given keys in code).
   *
   * @param keySource the keys, or {@code null} to use {@code hmac.keys.file}
   * @return a builder the caller may refine
   * @throws HmacConfigurationException if a setting is invalid or the keys file cannot be loaded
   */
  public HmacVerifier.Builder verifierBuilder(@Nullable KeySource keySource) {
    HmacVerifier.Builder builder = HmacVerifier.builder();
    Optional<Path> keysFile = keysFile();
    if (keySource != null) {
      builder.keySource(keySource);
    } else if (keysFile.isPresent()) {
      builder.keySource(KeySource.keysFile(keysFile.get()));
    } else {
      LOG.log(
          System.Logger.Level.WARNING,
          "No keys configured: set "
              + KEYS_FILE
              + " (or "
              + environmentName(KEYS_FILE)
              + "); until then every signed request is rejected.");
      builder.keys(KeyRing.empty());
    }
    get(CLOCK_SKEW).ifPresent(v -> builder.clockSkew(Duration.ofSeconds(parseLong(CLOCK_SKEW, v))));
    get(MAX_BODY_BYTES).ifPresent(v -> builder.maxBodyBytes(parseLong(MAX_BODY_BYTES, v)));
    get(REALM).ifPresent(builder::realm);
    // The default, memory, is left to the verifier, which builds it on its own clock, unless its
    // bounds are set.
    if (!replayStoreName().equals(MEMORY_STORE)
        || get(REPLAY_MAX_ENTRIES).isPresent()
        || get(REPLAY_MAX_ENTRIES_PER_KEY).isPresent()) {
      builder.replayStore(replayStore());
    }
    listeners().forEach(builder::addListener);
    return builder;
  }

  /**
   * The listeners {@value #LISTENERS} asks for, from the installed {@link
   * VerificationListenerProvider}s. With {@code auto}, a provider that cannot be loaded (its jar
   * without the library it needs) is skipped with a warning: metrics never stop verification.
   *
   * @return new listeners, in the order of the names (with {@code auto}: as found)
   * @throws HmacConfigurationException if a name is not installed, or a provider refuses its
   *     settings
   */
  public List<VerificationListener> listeners() {
    List<VerificationListener> listeners = new ArrayList<>();
    for (VerificationListenerProvider provider :
        providers(
            LISTENERS, VerificationListenerProvider.class, VerificationListenerProvider::name)) {
      listeners.add(provider.create(this));
    }
    return listeners;
  }

  /**
   * The installed providers of a service that a setting of the form of {@value #LISTENERS} selects:
   * {@code auto} (the default) for all of them, {@code none} for none, or names separated by {@code
   * ,}. The client feature's listeners ({@value #CLIENT_LISTENERS}) are chosen this way too.
   * Providers are found with {@link ServiceLoader} on the thread's context class loader; with
   * {@code auto}, one that cannot be loaded is skipped with a warning.
   *
   * @param setting the property, for example {@value #LISTENERS}
   * @param service the provider interface
   * @param name a provider's name
   * @param <P> the provider interface
   * @return the providers, in the order of the names (with {@code auto}: as found)
   * @throws HmacConfigurationException if a name is not installed
   */
  public <P> List<P> providers(String setting, Class<P> service, Function<? super P, String> name) {
    String value = get(setting).orElse(AUTO);
    if (value.equals(NONE)) {
      return List.of();
    }
    Map<String, P> installed = new java.util.LinkedHashMap<>();
    // On the module path, ServiceLoader serves a module only the services it uses: the client
    // feature's provider type is not one core can name in its descriptor.
    HmacConfig.class.getModule().addUses(service);
    Iterator<P> found = ServiceLoader.load(service, contextLoader()).iterator();
    while (true) {
      try {
        if (!found.hasNext()) {
          break;
        }
        P provider = found.next();
        installed.putIfAbsent(name.apply(provider), provider);
      } catch (ServiceConfigurationError e) {
        LOG.log(System.Logger.Level.WARNING, "A " + service.getSimpleName() + " was skipped", e);
      }
    }
    if (value.equals(AUTO)) {
      return List.copyOf(installed.values());
    }
    List<P> chosen = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      P provider = installed.get(part.strip());
      if (provider == null) {
        throw new HmacConfigurationException(
            setting
                + "="
                + value
                + ": '"
                + part.strip()
                + "' is not installed; installed: "
                + installed.keySet()
                + " (or auto, none).");
      }
      chosen.add(provider);
    }
    return chosen;
  }

  private static ClassLoader contextLoader() {
    return Objects.requireNonNullElse(
        Thread.currentThread().getContextClassLoader(), HmacConfig.class.getClassLoader());
  }

  /**
   * A verifier from this configuration alone.
   *
   * @return the verifier
   * @throws HmacConfigurationException if a setting is invalid
   */
  public HmacVerifier verifier() {
    return verifierBuilder().build();
  }

  /**
   * The replay store named by {@code hmac.replay.store}.
   *
   * @return a new store
   * @throws HmacConfigurationException if no installed provider has that name
   */
  public ReplayStore replayStore() {
    String name = replayStoreName();
    if (name.equals(MEMORY_STORE)) {
      InMemoryReplayStore.Builder memory = InMemoryReplayStore.builder();
      get(REPLAY_MAX_ENTRIES).ifPresent(v -> memory.maxEntries(parseInt(REPLAY_MAX_ENTRIES, v)));
      get(REPLAY_MAX_ENTRIES_PER_KEY)
          .ifPresent(v -> memory.maxEntriesPerKey(parseInt(REPLAY_MAX_ENTRIES_PER_KEY, v)));
      return memory.build();
    }
    List<String> known = new ArrayList<>(List.of(MEMORY_STORE));
    for (ReplayStoreProvider provider :
        ServiceLoader.load(ReplayStoreProvider.class, contextLoader())) {
      if (provider.name().equals(name)) {
        return provider.create(this);
      }
      known.add(provider.name());
    }
    throw new HmacConfigurationException(
        REPLAY_STORE + "=" + name + " names no installed replay store; installed: " + known + ".");
  }

  private String replayStoreName() {
    return get(REPLAY_STORE).orElse(MEMORY_STORE);
  }

  /**
   * Parses a whole-number setting.
   *
   * @param name the property, for the message
   * @param value the value
   * @return the number
   * @throws HmacConfigurationException if it is not a whole number
   */
  private static long parseLong(String name, String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new HmacConfigurationException(name + " must be a whole number; got '" + value + "'.");
    }
  }

  private static int parseInt(String name, String value) {
    long parsed = parseLong(name, value);
    if (parsed < 1 || parsed > Integer.MAX_VALUE) {
      throw new HmacConfigurationException(
          name + " must be between 1 and " + Integer.MAX_VALUE + "; got " + parsed + ".");
    }
    return (int) parsed;
  }

  @Override
  public String toString() {
    return "HmacConfig[" + sources.size() + " sources + environment]";
  }
}
