package dev.hmacsigned.cli.internal;

import dev.hmacsigned.core.CanonicalString;
import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.RejectionReason;
import dev.hmacsigned.core.VerificationListener;
import dev.hmacsigned.core.VerificationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hmac-signed verify}: a captured request through the real verifier. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verifies a captured request; --explain shows its canonical string.",
      "",
      "Verifies a captured HTTP/1.1 request (request line, headers, blank line, body, as"
          + " 'nc -l PORT > request.http' or a proxy saves it) with the verifier servers use, and"
          + " prints 'accepted' with the principal, or the code, the reason and its detail.",
      "With --explain it also prints the canonical string the server computes for the request,"
          + " line for line as 'sign --debug', the client feature's debug log and the reference"
          + " clients' --debug print the one they signed: diff the two to see what changed."
    },
    footer = {
      "",
      "Examples:",
      "  nc -l 9000 > request.http    # and send the request to port 9000",
      "  hmac-signed verify --keys keys.properties --explain request.http",
      "  hmac-signed verify --keys keys.properties --now 1763900000 old-request.http",
      "",
      "Exit status: 0 accepted, 1 rejected, 2 usage error."
    })
final class VerifyCommand implements Callable<Integer> {
  @Option(
      names = "--keys",
      required = true,
      paramLabel = "FILE",
      description = "the server's keys file (protocol v1 §7.1)")
  Path keys;

  @Option(
      names = "--skew",
      paramLabel = "SECONDS",
      defaultValue = "300",
      description = "the allowed clock skew, at most 900 (default: ${DEFAULT-VALUE})")
  long skew;

  @Option(
      names = "--now",
      paramLabel = "EPOCH",
      description =
          "the server's time, in seconds since 1970 (default: now), e.g. to check an"
              + " old capture as of when it was sent")
  Long now;

  @Option(
      names = "--explain",
      description = "print the canonical string the server computes, and its fingerprint")
  boolean explain;

  @Parameters(
      index = "0",
      paramLabel = "REQUEST_FILE",
      description = "the captured request; - reads standard input")
  String requestFile;

  private final Io io;

  VerifyCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    byte[] bytes =
        requestFile.equals("-") ? io.in().readAllBytes() : Files.readAllBytes(Path.of(requestFile));
    CapturedRequest request = CapturedRequest.parse(bytes);
    if (request.ignoredBytes() > 0) {
      io.err()
          .println(
              "hmac-signed verify: "
                  + request.ignoredBytes()
                  + " bytes after the request are not part of it (no Content-Length or"
                  + " Transfer-Encoding covers them) and were not read");
    }
    HmacVerifier verifier;
    try {
      verifier =
          HmacVerifier.builder()
              .keys(Commands.readKeys(keys))
              .clockSkew(Duration.ofSeconds(skew))
              .clock(
                  now == null
                      ? InstantSource.system()
                      : InstantSource.fixed(Instant.ofEpochSecond(now)))
              // The verdict is printed below; the server's log line is not wanted here.
              .listener(new VerificationListener() {})
              .build();
    } catch (HmacConfigurationException e) {
      throw new UsageException(e.getMessage());
    }

    int exit;
    try (VerificationResult result = verifier.verify(request)) {
      if (result instanceof VerificationResult.Verified verified) {
        io.out()
            .println(
                "accepted: principal="
                    + verified.principal()
                    + " keyId="
                    + verified.keyId()
                    + " roles="
                    + verified.roles()
                    + " body="
                    + request.bodyBytes().length
                    + " bytes");
        exit = Commands.OK;
      } else {
        VerificationResult.Rejected rejected = (VerificationResult.Rejected) result;
        io.out()
            .println(
                "rejected: code="
                    + rejected.code().code()
                    + " reason="
                    + rejected.reason()
                    + " ("
                    + rejected.detail()
                    + ") keyId="
                    + rejected.keyId().orElse("-")
                    + rejected.canonicalFingerprint().map(f -> " fingerprint=" + f).orElse(""));
        hint(rejected, request);
        exit = Commands.REJECTED;
      }
    }
    if (explain) {
      try {
        io.out().println(CanonicalString.of(request).debugText());
      } catch (IllegalArgumentException e) {
        io.out().println("no canonical string: " + e.getMessage());
      }
    }
    io.out().flush();
    return exit;
  }

  private void hint(VerificationResult.Rejected rejected, CapturedRequest request) {
    if (rejected.reason() == RejectionReason.TIMESTAMP_OUT_OF_WINDOW) {
      try {
        String timestamp = CanonicalString.of(request).lines().get(2);
        io.err()
            .println(
                "hint: the request was signed at "
                    + Instant.ofEpochSecond(Long.parseLong(timestamp))
                    + "; check it as of then with --now "
                    + timestamp);
      } catch (IllegalArgumentException e) {
        // no canonical string: nothing to add
      }
    } else if (rejected.reason() == RejectionReason.SIGNATURE_MISMATCH && !explain) {
      io.err()
          .println(
              "hint: --explain prints the canonical string this fingerprint is of; compare it with"
                  + " the client's (sign --debug, hmac.client.debug, the reference clients' --debug)");
    }
  }
}
