package dev.hmacsigned.cli.internal;

import dev.hmacsigned.core.Algorithm;
import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.KeyRing;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hmac-signed keygen}: a fresh key as a keys-file block, printed or added to a file. */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = {
      "Generates a key as a block of a keys file.",
      "",
      "A fresh secret from SecureRandom (32 bytes for HMAC-SHA256, 64 for HMAC-SHA512) and its"
          + " attributes, as a block of a keys file (protocol v1 §7.1).",
      "Without --out the block is printed, secret included. With --out it is added to FILE,"
          + " which is created owner-only (0600); a file that other users may read or write is"
          + " refused. The file is rewritten atomically (a new file moved over the old one) and"
          + " only if the result is a valid keys file, so a server that reloads it never sees half"
          + " of it."
    },
    footer = {
      "",
      "Example:",
      "  hmac-signed keygen --id orders-2026-11 --principal orders-service \\",
      "      --roles orders.read,orders.write --not-after 2027-06-30T00:00:00Z \\",
      "      --out /etc/hmac/keys.properties",
      "",
      "Exit status: 0 done, 2 usage error or a file that cannot be used."
    })
final class KeygenCommand implements Callable<Integer> {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE);
  private static final SecureRandom RANDOM = new SecureRandom();

  @Option(
      names = "--id",
      required = true,
      paramLabel = "ID",
      description = "the key id: 1 to 128 characters of A-Z a-z 0-9 . _ ~ -")
  String id;

  @Option(
      names = "--algorithm",
      defaultValue = "HMAC-SHA256",
      paramLabel = "ALGORITHM",
      description = "HMAC-SHA256 (default) or HMAC-SHA512")
  String algorithm;

  @Option(
      names = "--principal",
      paramLabel = "NAME",
      description = "who a request signed with the key is (default: the key id)")
  String principal;

  @Option(
      names = "--roles",
      split = ",",
      paramLabel = "ROLE",
      description = "the roles of the key, separated by commas")
  List<String> roles = new ArrayList<>();

  @Option(
      names = "--not-after",
      paramLabel = "INSTANT",
      description = "the UTC instant the key stops verifying, e.g. 2027-06-30T00:00:00Z")
  String notAfter;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "add the block to this keys file instead of printing it")
  Path out;

  private final Io io;
  private final Clock clock = Clock.systemUTC();

  KeygenCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    Algorithm alg =
        Algorithm.fromScheme(algorithm)
            .orElseThrow(
                () ->
                    new UsageException(
                        "--algorithm must be HMAC-SHA256 or HMAC-SHA512; got '" + algorithm + "'"));
    if (!HmacKey.isValidId(id)) {
      throw new UsageException(
          "--id must be 1 to 128 characters of A-Z a-z 0-9 . _ ~ - (protocol v1 §2.1)");
    }
    Optional<Instant> expiry = notAfter();
    byte[] secret = new byte[alg.minimumSecretBytes()];
    RANDOM.nextBytes(secret);
    String block;
    try {
      block = block(alg, secret, expiry);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
    if (out == null) {
      check(block.getBytes(StandardCharsets.UTF_8), "The block");
      io.out().print(block);
      io.out().flush();
      return Commands.OK;
    }
    add(block, out);
    io.out()
        .println(
            "Added key '"
                + id
                + "' ("
                + alg.scheme()
                + ") to "
                + out
                + ". Its secret is in that file only: give the client the same lines.");
    return Commands.OK;
  }

  private Optional<Instant> notAfter() {
    if (notAfter == null) {
      return Optional.empty();
    }
    Instant instant;
    try {
      instant = Instant.parse(notAfter);
    } catch (DateTimeParseException e) {
      throw new UsageException(
          "--not-after must be a UTC instant such as 2027-06-30T00:00:00Z; got '" + notAfter + "'");
    }
    if (instant.getNano() != 0) {
      throw new UsageException("--not-after takes whole seconds, e.g. 2027-06-30T00:00:00Z");
    }
    if (!instant.isAfter(clock.instant())) {
      throw new UsageException("--not-after " + notAfter + " is not in the future");
    }
    return Optional.of(instant);
  }

  private String block(Algorithm alg, byte[] secret, Optional<Instant> expiry) {
    if (principal != null && hasLineBreak(principal)) {
      throw new UsageException("--principal must be on one line");
    }
    for (String role : roles) {
      if (hasLineBreak(role)) {
        throw new UsageException("--roles must be on one line");
      }
    }
    StringBuilder b = new StringBuilder();
    b.append("# ")
        .append(id)
        .append(": generated by hmac-signed keygen at ")
        .append(
            DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)))
        .append('\n');
    b.append(id)
        .append(".secret=base64:")
        .append(Base64.getEncoder().encodeToString(secret))
        .append('\n');
    b.append(id).append(".algorithm=").append(alg.scheme()).append('\n');
    if (principal != null) {
      b.append(id).append(".principal=").append(principal).append('\n');
    }
    if (!roles.isEmpty()) {
      b.append(id).append(".roles=").append(String.join(",", roles)).append('\n');
    }
    expiry.ifPresent(
        instant ->
            b.append(id)
                .append(".not-after=")
                .append(DateTimeFormatter.ISO_INSTANT.format(instant))
                .append('\n'));
    return b.toString();
  }

  private static boolean hasLineBreak(String value) {
    return value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
  }

  /**
   * Parses keys-file content with the server's parser and checks that it holds this key as asked: a
   * value the parser reads otherwise (a blank principal, a role with a control character) is
   * refused here rather than by a server later.
   */
  private void check(byte[] content, String what) {
    KeyRing ring;
    try {
      ring = KeyRing.parseKeysFile(content);
    } catch (HmacConfigurationException e) {
      throw new UsageException(what + " would not be a valid keys file: " + e.getMessage());
    }
    HmacKey key =
        ring.find(id)
            .orElseThrow(() -> new UsageException(what + " would not hold key '" + id + "'"));
    boolean asAsked =
        (principal == null ? key.principal().equals(id) : key.principal().equals(principal))
            && key.roles().equals(new LinkedHashSet<>(roles));
    if (!asAsked) {
      throw new UsageException(
          "--principal and --roles must not start or end with blanks, and a role must not be"
              + " empty");
    }
  }

  /** Adds the block to a keys file: checked, then written to a new file moved over the old one. */
  private void add(String block, Path file) throws IOException {
    Path target = file;
    byte[] existing = new byte[0];
    Optional<PosixFileAttributes> previous = Optional.empty();
    if (Files.exists(file)) {
      target = file.toRealPath();
      if (!Files.isRegularFile(target)) {
        throw new UsageException(file + " is not a regular file");
      }
      PosixFileAttributes attributes = posix(target);
      Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
      open.addAll(attributes.permissions());
      open.retainAll(OTHERS);
      if (!open.isEmpty()) {
        throw new UsageException(
            file
                + " may be read or written by other users ("
                + PosixFilePermissions.toString(attributes.permissions())
                + "): a keys file holds secrets. Make it owner-only first (chmod 600 "
                + file
                + ") or choose another file.");
      }
      previous = Optional.of(attributes);
      existing = Files.readAllBytes(target);
    }
    String separator = "";
    if (existing.length > 0 && existing[existing.length - 1] != '\n') {
      separator = "\n";
    }
    byte[] content = concat(existing, (separator + block).getBytes(StandardCharsets.UTF_8));
    check(content, file.toString() + " with the new key");

    Path directory = target.toAbsolutePath().getParent();
    Path temporary =
        Files.createTempFile(
            directory,
            "." + target.getFileName() + ".",
            ".new",
            PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      if (previous.isPresent()) {
        keepOwner(temporary, previous.get());
      }
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
      Arrays.fill(content, (byte) 0);
    }
  }

  private static PosixFileAttributes posix(Path file) throws IOException {
    PosixFileAttributeView view =
        Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null) {
      throw new UsageException(
          file + " is on a file system without POSIX permissions: keygen cannot keep it private");
    }
    return view.readAttributes();
  }

  /** The new file gets the owner and group of the old one (root rewriting a service's file). */
  private static void keepOwner(Path file, PosixFileAttributes previous) throws IOException {
    PosixFileAttributes now = posix(file);
    PosixFileAttributeView view =
        Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    try {
      if (!now.owner().equals(previous.owner())) {
        view.setOwner(previous.owner());
      }
      if (!now.group().equals(previous.group())) {
        view.setGroup(previous.group());
      }
    } catch (IOException e) {
      throw new UsageException(
          "cannot give the new file the owner and group of the old one ("
              + previous.owner().getName()
              + ":"
              + previous.group().getName()
              + "): run keygen as that user");
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
