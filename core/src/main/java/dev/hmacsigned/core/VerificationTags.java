package dev.hmacsigned.core;

import dev.hmacsigned.core.VerificationResult.Rejected;
import dev.hmacsigned.core.VerificationResult.Verified;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * The tags (labels, attributes) a metrics listener gives a verdict, the same for every metrics
 * library, and whatever it makes of each set of them (a counter, an attributes object) made once
 * and reused:
 *
 * <ul>
 *   <li>{@code outcome}: {@value #VERIFIED} or {@value #REJECTED};
 *   <li>{@code code}: the public {@link RejectionCode#code() code}, {@value #NONE} when verified;
 *   <li>{@code reason}: the {@link RejectionReason} in lower case, {@value #NONE} when verified;
 *   <li>{@code key_id}: the key id when the verifier's ring holds it ({@link
 *       Rejected#keyInRing()}), else {@value #UNKNOWN}. A client chooses the key id it sends; this
 *       keeps the number of series bounded by the ring.
 * </ul>
 *
 * <pre>{@code
 * VerificationTags<Counter> counters = VerificationTags.of((outcome, code, reason, keyId) ->
 *     Counter.builder("hmac.server.requests")
 *         .tag("outcome", outcome).tag("code", code).tag("reason", reason).tag("key_id", keyId)
 *         .register(registry));
 * counters.of(result).increment();
 * }</pre>
 *
 * <p>Thread-safe. After the first verdict of each set, {@link #of(VerificationResult)} allocates
 * nothing.
 *
 * @param <T> what is made of a set of tags
 */
public final class VerificationTags<T> {
  /** The outcome of a verified request. */
  public static final String VERIFIED = "verified";

  /** The outcome of a rejected request. */
  public static final String REJECTED = "rejected";

  /** The code and reason of a verified request. */
  public static final String NONE = "none";

  /** The key id of a request whose key id is not in the ring, or that named none. */
  public static final String UNKNOWN = "unknown";

  /**
   * Makes something of a set of tags.
   *
   * @param <T> what it makes
   */
  @FunctionalInterface
  public interface Factory<T> {
    /**
     * Makes it; called once per set of tags.
     *
     * @param outcome {@value #VERIFIED} or {@value #REJECTED}
     * @param code the public code, or {@value #NONE}
     * @param reason the reason in lower case, or {@value #NONE}
     * @param keyId a key id of the ring, or {@value #UNKNOWN}
     * @return what is made
     */
    T create(String outcome, String code, String reason, String keyId);
  }

  private final ConcurrentMap<String, T> verified = new ConcurrentHashMap<>();
  private final Function<String, T> newVerified;
  private final Map<RejectionReason, ConcurrentMap<String, T>> rejected =
      new EnumMap<>(RejectionReason.class);
  private final Map<RejectionReason, Function<String, T>> newRejected =
      new EnumMap<>(RejectionReason.class);

  private VerificationTags(Factory<T> factory) {
    this.newVerified = keyId -> factory.create(VERIFIED, NONE, NONE, keyId);
    for (RejectionReason reason : RejectionReason.values()) {
      String code = reason.code().code();
      String name = reason.name().toLowerCase(Locale.ROOT);
      rejected.put(reason, new ConcurrentHashMap<>());
      newRejected.put(reason, keyId -> factory.create(REJECTED, code, name, keyId));
    }
  }

  /**
   * Starts an empty cache.
   *
   * @param factory what to make of each set of tags
   * @param <T> what it makes
   * @return the cache
   */
  public static <T> VerificationTags<T> of(Factory<T> factory) {
    return new VerificationTags<>(Objects.requireNonNull(factory, "factory"));
  }

  /**
   * What was made of the tags of this verdict, made now if they are new.
   *
   * @param result a verdict
   * @return what the factory made of its tags
   */
  public T of(VerificationResult result) {
    ConcurrentMap<String, T> byKey;
    Function<String, T> make;
    String keyId;
    if (result instanceof Verified v) {
      byKey = verified;
      make = newVerified;
      keyId = v.keyId();
    } else {
      Rejected r = (Rejected) result;
      byKey = Objects.requireNonNull(rejected.get(r.reason()));
      make = Objects.requireNonNull(newRejected.get(r.reason()));
      keyId = r.keyInRing() ? r.keyId().orElse(UNKNOWN) : UNKNOWN;
    }
    T made = byKey.get(keyId);
    return made != null ? made : byKey.computeIfAbsent(keyId, make);
  }

  @Override
  public String toString() {
    return "VerificationTags";
  }
}
