package dev.hmacsigned.replay.redis;

import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.ReplayStore;
import dev.hmacsigned.core.ReplayStoreUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ReplayStore} on Redis, shared by every node of a cluster: a nonce accepted by one node
 * is a replay on all of them. Each verified request costs one round trip, {@code SET <key> 1 NX PX
 * <ttl>}; Redis answers {@code OK} for a first use and nothing for a nonce already recorded.
 *
 * <pre>{@code
 * RedisReplayStore store =
 *     RedisReplayStore.builder("rediss://hmac:PASSWORD@redis.internal:6379")
 *         .timeout(Duration.ofMillis(100))
 *         .build();
 * HmacVerifier verifier = HmacVerifier.builder(keys).replayStore(store).build();
 * }</pre>
 *
 * <p>Most applications configure it instead: {@code hmac.replay.store=redis} and {@code
 * hmac.replay.redis.uri} (see {@link RedisReplayStoreProvider}).
 *
 * <p><b>Fails closed.</b> If Redis does not answer within the {@linkplain Builder#timeout timeout}
 * (down, unreachable, paused, too slow), {@link #recordIfAbsent} throws {@link
 * ReplayStoreUnavailableException}, which the adapters answer with 503 {@code
 * replay_store_unavailable} and {@code Retry-After}. No request thread waits longer than the
 * timeout: the connection is made in the background (each attempt may take up to 10 s, as TLS and
 * the handshake can take longer than a request's timeout in a cold JVM) and every command is sent
 * asynchronously, and the caller waits on the answer with that deadline. While the connection is
 * down, commands are refused at once rather than queued. The client reconnects in the background
 * (after 10 ms, then doubling up to 1 s); once Redis answers again, requests are accepted again
 * without a restart.
 *
 * <p><b>Keys.</b> {@code <prefix><length of the key id>:<key id>:<nonce>}, for example {@code
 * hmac:replay:6:orders:Xq3…}: the length makes the pair unambiguous whatever characters the key id
 * holds (no key id ending in {@code :} can make two pairs meet), and the key stays readable for an
 * operator. The default prefix is {@code hmac:replay:}.
 *
 * <p><b>Expiry.</b> The verifier passes {@code expiresAt = timestamp + skew + 1 s} and the record
 * must live while {@code now < expiresAt} on every node (see {@link ReplayStore}). The store sets a
 * relative expiry, {@code PX}, of {@code expiresAt − now} (rounded up to the millisecond) plus a
 * clock margin (default 5 s): relative, because an absolute {@code PXAT} would be read on Redis's
 * clock, which may differ from the nodes'; plus a margin, because another node whose clock runs
 * ahead of this one still accepts the timestamp a little longer. At most that is {@code 2 × skew +
 * 1 s + margin} (a timestamp skew ahead of this node's clock), the TTL of issue 13: the margin must
 * cover the largest clock difference between two nodes.
 *
 * <p><b>Why Lettuce.</b> One Lettuce connection is thread-safe and multiplexed: every request
 * thread of a node shares it, with no pool to size and no thread held per command. Its commands
 * complete asynchronously, so the store bounds the whole wait (connection, TLS, authentication and
 * the command) by one deadline; Jedis's blocking sockets bound connect and read separately, and a
 * pool's borrow by a third setting. It reconnects by itself, supports {@code rediss://}, ACL users
 * ({@code redis://user:password@host}) and Redis 6+'s RESP3. The cost: Netty (common, buffer,
 * transport, handler, codec, resolver) and Reactor Core come with it, about 5 MB.
 *
 * <p><b>Secrets.</b> The password in the URI never appears in {@link #toString}, in an exception
 * message or a log line of this class.
 *
 * <p>A store owns its client's threads: {@link #close} releases them.
 */
public final class RedisReplayStore implements ReplayStore, AutoCloseable {
  /** The default timeout of one check, connection included. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(100);

  /** The default margin added to every record's life for clock differences between nodes. */
  public static final Duration DEFAULT_CLOCK_MARGIN = Duration.ofSeconds(5);

  /** How long a connection attempt in the background may take at least. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** The default key prefix. */
  public static final String DEFAULT_KEY_PREFIX = "hmac:replay:";

  private final RedisURI uri;
  private final String description;
  private final long timeoutNanos;
  private final long marginMillis;
  private final String keyPrefix;
  private final InstantSource clock;
  private final ClientResources resources;
  private final RedisClient client;
  private final AtomicReference<
          @Nullable CompletableFuture<StatefulRedisConnection<String, String>>>
      connection = new AtomicReference<>();
  private volatile boolean closed;

  private RedisReplayStore(Builder builder, RedisURI uri) {
    this.uri = uri;
    this.description = describe(uri, builder.uri);
    this.timeoutNanos = builder.timeout.toNanos();
    this.marginMillis = builder.clockMargin.toMillis();
    this.keyPrefix = builder.keyPrefix;
    this.clock = builder.clock;
    // Connecting (TCP, TLS, HELLO/AUTH) runs in the background with a longer bound of its own: in
    // a cold JVM it may take longer than one request's timeout, and a request never waits for it
    // longer than that timeout anyway.
    Duration connectTimeout =
        CONNECT_TIMEOUT.compareTo(builder.timeout) > 0 ? CONNECT_TIMEOUT : builder.timeout;
    uri.setTimeout(connectTimeout);
    this.resources =
        ClientResources.builder()
            .ioThreadPoolSize(2)
            .computationThreadPoolSize(2)
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
            .build();
    this.client = RedisClient.create(resources);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            // Fail closed at once while disconnected; queued commands would only time out.
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
            // Commands that got no answer in time are cancelled, not kept until Redis answers.
            .timeoutOptions(TimeoutOptions.enabled(builder.timeout))
            .build());
    connection(); // connect now, so that the first request finds a connection
  }

  /**
   * A builder for a store on the Redis server at {@code uri}.
   *
   * @param uri {@code redis://[[user]:password@]host[:port][/database]}, or {@code rediss://…} for
   *     TLS (the server's certificate is verified against the JVM's trust store, {@code
   *     javax.net.ssl.trustStore})
   * @return the builder
   */
  public static Builder builder(String uri) {
    return new Builder(uri);
  }

  /**
   * Records the nonce with {@code SET key 1 NX PX ttl}, within the timeout.
   *
   * @throws ReplayStoreUnavailableException if Redis did not answer within the timeout, refused the
   *     command (authentication, ACL, out of memory) or is not connected
   */
  @Override
  public boolean recordIfAbsent(String keyId, String nonce, Instant expiresAt) {
    long deadline = System.nanoTime() + timeoutNanos;
    String key = key(keyId, nonce);
    long ttl = ttlMillis(expiresAt);
    StatefulRedisConnection<String, String> redis;
    try {
      redis = connection().get(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw unavailable("no connection within " + timeoutMillis() + " ms", null);
    } catch (ExecutionException e) {
      throw unavailable("cannot connect", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted", e);
    }
    RedisFuture<String> reply = redis.async().set(key, "1", SetArgs.Builder.nx().px(ttl));
    try {
      String answer = reply.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return "OK".equals(answer);
    } catch (TimeoutException e) {
      reply.cancel(false);
      throw unavailable("no answer within " + timeoutMillis() + " ms", null);
    } catch (ExecutionException e) {
      throw unavailable("refused SET", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reply.cancel(false);
      throw unavailable("interrupted", e);
    }
  }

  /** The Redis key of a (key id, nonce) pair. */
  String key(String keyId, String nonce) {
    return keyPrefix + keyId.length() + ':' + keyId + ':' + nonce;
  }

  /** {@code expiresAt − now}, rounded up to the millisecond, plus the clock margin; at least 1. */
  long ttlMillis(Instant expiresAt) {
    Duration left = Duration.between(clock.instant(), expiresAt);
    long millis =
        left.isNegative() ? 0 : left.toMillis() + (left.toNanosPart() % 1_000_000 > 0 ? 1 : 0);
    return Math.max(1, millis + marginMillis);
  }

  private long timeoutMillis() {
    return TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
  }

  /**
   * The connection, made at most once at a time: the one made, the one being made, or (if the last
   * attempt failed) a new attempt. Once made, Lettuce keeps it and reconnects it by itself.
   */
  private CompletableFuture<StatefulRedisConnection<String, String>> connection() {
    while (true) {
      CompletableFuture<StatefulRedisConnection<String, String>> current = connection.get();
      if (current != null && !current.isCompletedExceptionally()) {
        return current;
      }
      if (closed) {
        return CompletableFuture.failedFuture(new IllegalStateException("the store is closed"));
      }
      CompletableFuture<StatefulRedisConnection<String, String>> attempt =
          new CompletableFuture<>();
      if (connection.compareAndSet(current, attempt)) {
        client
            .connectAsync(StringCodec.UTF8, uri)
            .whenComplete(
                (made, failure) -> {
                  if (failure != null) {
                    attempt.completeExceptionally(failure);
                  } else if (closed) {
                    made.closeAsync();
                    attempt.completeExceptionally(new IllegalStateException("the store is closed"));
                  } else {
                    // One command in the background, so that the first request does not pay
                    // for loading and initializing the command path (over 100 ms in a cold JVM).
                    made.async().ping();
                    attempt.complete(made);
                  }
                });
        return attempt;
      }
    }
  }

  /**
   * The store's failure, with the cause's class and message: Lettuce's messages name the host and
   * port at most, never the password (a test checks it).
   */
  private ReplayStoreUnavailableException unavailable(String what, @Nullable Throwable cause) {
    String message = "Redis at " + description + ": " + what;
    if (cause != null) {
      message +=
          " ("
              + cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
              + ")";
    }
    return new ReplayStoreUnavailableException(message);
  }

  /** {@code redis[s]://[user@]host:port[/db]}: the URI without its password. */
  static String describe(RedisURI uri, String text) {
    StringBuilder description = new StringBuilder(uri.isSsl() ? "rediss://" : "redis://");
    String user = user(text);
    if (!user.isEmpty()) {
      description.append(user).append('@');
    }
    description.append(uri.getHost()).append(':').append(uri.getPort());
    if (uri.getDatabase() != 0) {
      description.append('/').append(uri.getDatabase());
    }
    return description.toString();
  }

  /** The ACL user of {@code redis://user:password@host}; none in {@code redis://password@host}. */
  private static String user(String text) {
    int start = text.indexOf("://") + 3;
    int at = text.lastIndexOf('@');
    if (at < start) {
      return "";
    }
    int colon = text.indexOf(':', start);
    return colon < 0 || colon > at ? "" : text.substring(start, colon);
  }

  /** Closes the connection and stops the client's threads. */
  @Override
  public void close() {
    closed = true;
    CompletableFuture<StatefulRedisConnection<String, String>> current = connection.get();
    if (current != null) {
      current.thenAccept(StatefulRedisConnection::close);
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }

  @Override
  public String toString() {
    return "RedisReplayStore[" + description + ", timeout " + timeoutMillis() + " ms]";
  }

  /** Settings of a {@link RedisReplayStore}; {@link #build} checks them. */
  public static final class Builder {
    private final String uri;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration clockMargin = DEFAULT_CLOCK_MARGIN;
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private InstantSource clock = InstantSource.system();

    private Builder(String uri) {
      this.uri = Objects.requireNonNull(uri, "uri");
    }

    /**
     * How long a request waits for Redis at most, connecting included; default 100 ms. A healthy
     * Redis answers a SET in well under a millisecond on a LAN, so 100 ms leaves room for a
     * garbage-collection pause or a busy server without false 503s, while a dead Redis costs each
     * request at most that: at 1,000 requests a second, no more than about 100 threads wait at
     * once.
     *
     * @param timeout from 1 ms to 1 minute
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * The time added to every record's life for clock differences between the nodes; default 5 s.
     *
     * @param clockMargin from 0 to 1 hour
     * @return this builder
     */
    public Builder clockMargin(Duration clockMargin) {
      this.clockMargin = Objects.requireNonNull(clockMargin, "clockMargin");
      return this;
    }

    /**
     * The prefix of every key; default {@code hmac:replay:}. Applications sharing one Redis use one
     * prefix each (an ACL user can then be limited to {@code ~prefix*}).
     *
     * @param keyPrefix any text, may be empty
     * @return this builder
     */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
      return this;
    }

    /**
     * The clock the expiry is computed on; the verifier's, in tests.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Creates the store and starts connecting (in the background: a Redis that is not up yet is no
     * error, requests fail closed until it is).
     *
     * @return the store
     * @throws HmacConfigurationException if the URI or a setting is invalid
     */
    public RedisReplayStore build() {
      if (timeout.compareTo(Duration.ofMillis(1)) < 0
          || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new HmacConfigurationException(
            "The Redis replay store's timeout must be from 1 ms to 1 minute; got " + timeout + ".");
      }
      if (clockMargin.isNegative() || clockMargin.compareTo(Duration.ofHours(1)) > 0) {
        throw new HmacConfigurationException(
            "The Redis replay store's clock margin must be from 0 to 1 hour; got "
                + clockMargin
                + ".");
      }
      return new RedisReplayStore(this, parse(uri));
    }

    private static RedisURI parse(String uri) {
      if (!uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
        throw new HmacConfigurationException(
            "The Redis replay store's URI must start with redis:// or rediss:// (TLS).");
      }
      try {
        return RedisURI.create(uri);
      } catch (RuntimeException e) {
        // Not chained, and the URI not repeated: both may carry the password.
        throw new HmacConfigurationException(
            "The Redis replay store's URI is not valid: expected"
                + " redis[s]://[[user]:password@]host[:port][/database].");
      }
    }
  }
}
