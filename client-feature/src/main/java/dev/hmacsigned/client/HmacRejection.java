package dev.hmacsigned.client;

import dev.hmacsigned.core.RejectionCode;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Why a server that speaks protocol v1 refused a request: the stable public {@link RejectionCode}
 * of its {@code application/problem+json} answer (protocol v1 §6), with the HTTP status and the
 * server's advice.
 *
 * <pre>{@code
 * try (Response response = client.target(uri).request().get()) {
 *   if (response.getStatus() == 200) {
 *     return response.readEntity(Order.class);
 *   }
 *   HmacRejection.from(response).ifPresent(rejection -> {
 *     switch (rejection.code()) {
 *       case STALE_TIMESTAMP -> log.warn("clock drift: {}", rejection.detail().orElse(""));
 *       case INVALID_SIGNATURE -> log.error("wrong key or secret for this server");
 *       default -> log.warn("request refused: {}", rejection);
 *     }
 *   });
 * }
 *
 * // With a typed call, the response is on the exception:
 * try {
 *   return target.request().get(Order.class);
 * } catch (WebApplicationException e) {
 *   Optional<HmacRejection> rejection = HmacRejection.from(e.getResponse());
 * }
 * }</pre>
 *
 * <p>Branch on {@link #code()} and {@link #status()} only: the {@link #detail()} text is for people
 * and may change. {@code invalid_signature} deliberately covers an unknown, revoked or expired key,
 * an algorithm mismatch and a MAC or body mismatch alike; the server's log has the precise reason.
 *
 * <p>Security: nothing here is secret. The problem document is an unauthenticated answer, so treat
 * it as advice, never as a reason to weaken anything. A rejection is an immutable value.
 */
public final class HmacRejection {
  private final RejectionCode code;
  private final int status;
  private final @Nullable String detail;

  private HmacRejection(RejectionCode code, int status, @Nullable String detail) {
    this.code = code;
    this.status = status;
    this.detail = detail;
  }

  /**
   * Reads the rejection a response carries, if it is one: status 401, 413 or 503 with an {@code
   * application/problem+json} (or {@code application/json}) body whose {@code code} is one of
   * protocol v1.
   *
   * <p>The entity is buffered ({@link Response#bufferEntity()}) before it is read, so the caller
   * can still read it afterwards. Call this before consuming the entity yourself, or after
   * buffering it: an entity already consumed cannot be read again, and then the result is empty.
   * Bodies larger than 16 KiB are not problem documents of this protocol and give an empty result.
   *
   * @param response a client response, or {@code null}
   * @return the rejection; empty for a success, another error, an unknown code or an unreadable
   *     body
   */
  public static Optional<HmacRejection> from(@Nullable Response response) {
    if (response == null) {
      return Optional.empty();
    }
    int status = response.getStatus();
    if (status != 401 && status != 413 && status != 503) {
      return Optional.empty();
    }
    if (!ProblemJson.isProblemType(response.getMediaType())
        || response.getLength() > ProblemJson.MAX_BYTES) {
      return Optional.empty();
    }
    byte[] body;
    try {
      response.bufferEntity();
      body = response.readEntity(byte[].class);
    } catch (IllegalStateException | ProcessingException e) {
      return Optional.empty(); // consumed or closed: nothing left to read
    }
    Optional<Map<String, String>> members = ProblemJson.members(body);
    if (members.isEmpty()) {
      return Optional.empty();
    }
    return RejectionCode.fromCode(members.get().get("code"))
        .map(code -> new HmacRejection(code, status, members.get().get("detail")));
  }

  /**
   * The stable public code, for example {@link RejectionCode#INVALID_SIGNATURE}.
   *
   * @return the code
   */
  public RejectionCode code() {
    return code;
  }

  /**
   * The HTTP status of the response: 401, 413 or 503.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * The server's advice, the problem's {@code detail}: human text that may change between versions.
   *
   * @return the advice, or empty if the server sent none
   */
  public Optional<String> detail() {
    return Optional.ofNullable(detail);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HmacRejection other
        && other.code == code
        && other.status == status
        && Objects.equals(other.detail, detail);
  }

  @Override
  public int hashCode() {
    return Objects.hash(code, status, detail);
  }

  @Override
  public String toString() {
    return "HmacRejection[" + status + " " + code.code() + "]";
  }
}
