package dev.hmacsigned.client;

import dev.hmacsigned.core.RejectionCode;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import java.io.IOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Learns the server's clock from a {@code 401 stale_timestamp} rejection: its {@code Date} header
 * gives the server's time, and later signatures use it. Never retries: the response goes to the
 * caller unchanged, its entity still readable.
 */
@ConstrainedTo(RuntimeType.CLIENT)
final class ClockOffsetFilter implements ClientResponseFilter {
  private final ClientSigning signing;

  ClockOffsetFilter(ClientSigning signing) {
    this.signing = signing;
  }

  @Override
  public void filter(ClientRequestContext request, ClientResponseContext response)
      throws IOException {
    if (response.getStatus() != 401) {
      return;
    }
    Optional<Instant> serverTime = httpDate(response.getHeaderString("Date"));
    if (serverTime.isPresent()
        && ProblemJson.peekCode(response).orElse(null) == RejectionCode.STALE_TIMESTAMP) {
      signing.learnServerTime(serverTime.get());
    }
  }

  /** Parses an HTTP date (RFC 9110 IMF-fixdate, e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}). */
  static Optional<Instant> httpDate(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "ClockOffsetFilter[" + signing + "]";
  }
}
