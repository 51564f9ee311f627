package dev.hmacsigned.cli.internal;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code hmac-signed sign}: the headers that sign a request, for any client. */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the headers that sign a request, for any client.",
      "",
      "Signs a request and prints the header lines to add to it: Authorization, and with a body"
          + " Content-Digest. Any client can send them; curl reads them with -H @-.",
      "Give the request exactly as the client will send it: the method, the headers that are"
          + " covered (Host comes from the URL) and the body bytes. The signature holds for one"
          + " request, within the server's clock skew (300 s by default)."
    },
    footer = {
      "",
      "Examples:",
      "  url='https://api.example.com/items/42?q=a'",
      "  hmac-signed sign --keys keys.properties \"$url\" | curl -H @- \"$url\"",
      "",
      "  url=https://api.example.com/orders",
      "  hmac-signed sign --keys keys.properties -H 'Content-Type: application/json' \\",
      "      --data-binary @order.json \"$url\" \\",
      "    | curl -H @- -H 'Content-Type: application/json' \\",
      "      --data-binary @order.json \"$url\"",
      "",
      "Exit status: 0 done, 2 usage error."
    })
final class SignCommand implements Callable<Integer> {
  @Mixin SigningOptions options;

  @Parameters(index = "0", paramLabel = "URL", description = "the absolute URL of the request")
  String url;

  private final Io io;

  SignCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    SigningOptions.Signed signed = options.sign(url, io, false);
    io.out().println("Authorization: " + signed.signature().authorization());
    signed
        .signature()
        .contentDigestHeader()
        .ifPresent(d -> io.out().println("Content-Digest: " + d));
    io.out().flush();
    return Commands.OK;
  }
}
