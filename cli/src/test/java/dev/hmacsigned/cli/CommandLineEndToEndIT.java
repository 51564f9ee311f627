package dev.hmacsigned.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.HmacKey;
import dev.hmacsigned.core.KeyRing;
import dev.hmacsigned.testing.ProcessOutput;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The issue's steps, end to end, with real processes: the launcher script and the jar as a user
 * runs them, the demo's serve mode as the server, the real curl.
 *
 * <ol>
 *   <li>{@code keygen} writes a keys file;
 *   <li>the demo server loads it;
 *   <li>{@code hmac-signed curl} POSTs JSON and gets the body back;
 *   <li>{@code hmac-signed sign}, piped into a plain {@code curl -H @-}, gets 200;
 *   <li>{@code verify} accepts a captured signed request and rejects each tampered copy with its
 *       code; the fingerprint the server logs for a tampered copy is the one {@code verify
 *       --explain} prints for it.
 * </ol>
 *
 * <p>No secret appears in any output of the tool nor in the server's log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandLineEndToEndIT {
  private static final String KEY_ID = "cli-it";
  private static final String PRINCIPAL = "cli-it-client";
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+:\\d+)");
  private static final Pattern LOGGED_FINGERPRINT =
      Pattern.compile("reason=SIGNATURE_MISMATCH .* path=(\\S+) .*fingerprint=([0-9a-f]{12})");
  private static final byte[] JSON =
      "{\"hello\":\"w\u00f6rld\",\"city\":\"\u6771\u4eac\"}\n".getBytes(StandardCharsets.UTF_8);

  @TempDir static Path dir;

  private static Path keys;
  private static Path body;
  private static String base;
  private static Process server;
  private static final StringBuffer serverLog = new StringBuffer();

  /** Everything the tool printed, to check that no secret is in it. */
  private static final List<String> outputs = new ArrayList<>();

  /** A finished process. */
  record Result(int exit, byte[] stdout, String stderr) {
    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return "exit " + exit + "\nstdout:\n" + out() + "\nstderr:\n" + stderr;
    }
  }

  /** Runs a command with the JDK of this test as the launcher's JAVA_HOME. */
  private static Result exec(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    CompletableFuture<byte[]> stderr =
        CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    byte[] stdout = readAll(process.getInputStream());
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
    Result result =
        new Result(process.exitValue(), stdout, new String(stderr.get(), StandardCharsets.UTF_8));
    outputs.add(result.out());
    outputs.add(result.stderr());
    return result;
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The launcher script beside the jar, as a user runs it. */
  private static Result cli(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("cli.launcher"));
    command.addAll(List.of(args));
    return exec(command, Map.of());
  }

  private static Result bash(String script, Map<String, String> env) throws Exception {
    return exec(List.of("bash", "-c", "set -euo pipefail; " + script), env);
  }

  @Test
  @Order(0)
  void help_everyCommand_hasAnExample() throws Exception {
    for (String command : List.of("keygen", "sign", "curl", "verify")) {
      Result help = cli(command, "--help");
      assertThat(help.exit()).as(command).isZero();
      assertThat(help.out())
          .as(command)
          .contains("Usage: hmac-signed " + command)
          .contains("Example");
    }
    Result top = exec(List.of("java", "-jar", System.getProperty("cli.jar"), "--help"), Map.of());
    assertThat(top.exit()).isZero();
    assertThat(top.out()).contains("keygen").contains("verify").contains("Exit status");
  }

  @Test
  @Order(1)
  void step1_keygen_writesAnOwnerOnlyKeysFile() throws Exception {
    keys = dir.resolve("keys.properties");

    Result keygen =
        cli(
            "keygen",
            "--id",
            KEY_ID,
            "--principal",
            PRINCIPAL,
            "--roles",
            "orders.read,orders.write",
            "--out",
            keys.toString());

    assertThat(keygen.exit()).as("%s", keygen).isZero();
    assertThat(keygen.out()).contains("Added key '" + KEY_ID + "'");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)))
        .isEqualTo("rw-------");
    HmacKey key = KeyRing.parseKeysFile(Files.readAllBytes(keys)).find(KEY_ID).orElseThrow();
    assertThat(key.principal()).isEqualTo(PRINCIPAL);

    Result refused = cli("verify", "--keys", keys.toString());
    assertThat(refused.exit()).as("a usage error").isEqualTo(2);
  }

  @Test
  @Order(2)
  void step2_demoServer_loadsTheKeysFile() throws Exception {
    server =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                System.getProperty("demo.jar"),
                "serve",
                "--port",
                "0",
                "--keys",
                keys.toString())
            .redirectErrorStream(true)
            .start();
    base =
        ProcessOutput.follow(server, serverLog, LISTENING, "demo-serve-output")
            .get(90, TimeUnit.SECONDS)
            .group(1);

    assertThat(serverLog.toString()).contains("Loaded 1 key(s) from " + keys);
  }

  @Test
  @Order(3)
  void step3_curl_postsJsonAndGetsTheBodyBack() throws Exception {
    body = dir.resolve("body.json");
    Files.write(body, JSON);

    Result withHeaders =
        cli(
            "curl",
            "--keys",
            keys.toString(),
            "-H",
            "Content-Type: application/json; charset=utf-8",
            "--data-binary",
            "@" + body,
            base + "/api/echo",
            "--",
            "-i");
    Result servlet =
        cli(
            "curl",
            "--keys",
            keys.toString(),
            "-H",
            "Content-Type: application/json",
            "--data",
            "{\"sku\":\"A-1001\",\"quantity\":2}",
            base + "/servlet/echo");

    assertThat(withHeaders.exit()).as("%s", withHeaders).isZero();
    assertThat(withHeaders.out())
        .startsWith("HTTP/1.1 200")
        .containsIgnoringCase("X-Hmac-Principal: " + PRINCIPAL);
    byte[] out = withHeaders.stdout();
    assertThat(java.util.Arrays.copyOfRange(out, out.length - JSON.length, out.length))
        .isEqualTo(JSON);
    assertThat(servlet.exit()).as("%s", servlet).isZero();
    assertThat(servlet.out()).isEqualTo("{\"sku\":\"A-1001\",\"quantity\":2}");
  }

  @Test
  @Order(3)
  void step3_curl_wrongSecret_printsTheCodeTheHintAndTheFingerprintTheServerLogs()
      throws Exception {
    byte[] wrong = new byte[32];
    new java.security.SecureRandom().nextBytes(wrong);
    String target = base + "/api/items/7?who=wrong-secret";

    Result refused =
        cli(
            "curl",
            "--key-id",
            KEY_ID,
            "--secret-base64",
            Base64.getEncoder().encodeToString(wrong),
            target);

    assertThat(refused.exit()).as("%s", refused).isEqualTo(1);
    assertThat(refused.out()).contains("\"code\":\"invalid_signature\"");
    assertThat(refused.stderr())
        .contains("the server refused the request: 401 invalid_signature")
        .contains("check the key id and secret");
    Matcher m = Pattern.compile("has fingerprint ([0-9a-f]{12})").matcher(refused.stderr());
    assertThat(m.find()).isTrue();
    // Same request, other secret: the server computed the same canonical string.
    assertThat(loggedFingerprint("/api/items/7")).isEqualTo(m.group(1));
  }

  @Test
  @Order(4)
  void step4_sign_pipedIntoPlainCurl_gets200() throws Exception {
    String url = base + "/api/items/42?q=a/b:c&when=12:30";

    Result get =
        bash(
            "\"$CLI\" sign --keys \"$KEYS\" \"$URL\""
                + " | curl -sS -o /dev/null -w '%{http_code}' -H @- \"$URL\"",
            Map.of("CLI", System.getProperty("cli.launcher"), "KEYS", keys.toString(), "URL", url));
    Result post =
        bash(
            "\"$CLI\" sign --keys \"$KEYS\" -H 'Content-Type: application/json'"
                + " --data-binary @\"$BODY\" \"$URL\""
                + " | curl -sS -H @- -H 'Content-Type: application/json'"
                + " --data-binary @\"$BODY\" \"$URL\"",
            Map.of(
                "CLI",
                System.getProperty("cli.launcher"),
                "KEYS",
                keys.toString(),
                "BODY",
                body.toString(),
                "URL",
                base + "/servlet/echo"));

    assertThat(get.exit()).as("%s", get).isZero();
    assertThat(get.out()).isEqualTo("200");
    assertThat(post.exit()).as("%s", post).isZero();
    assertThat(post.stdout()).isEqualTo(JSON);
  }

  /** Step 5's capture and the client's debug output of it. */
  private static Path captured;

  private static String clientDebug;

  @Test
  @Order(5)
  void step5_verify_acceptsACapturedSignedRequest() throws Exception {
    captured = dir.resolve("captured.http");
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<byte[]> request = CompletableFuture.supplyAsync(() -> captureOne(listener));
      Result sent =
          cli(
              "curl",
              "--debug",
              "--keys",
              keys.toString(),
              "-H",
              "Content-Type: application/json",
              "--data-binary",
              "@" + body,
              "http://127.0.0.1:" + listener.getLocalPort() + "/api/echo?q=hello%20world");
      assertThat(sent.exit()).as("%s", sent).isZero();
      Files.write(captured, request.get(60, TimeUnit.SECONDS));
      clientDebug = sent.stderr().strip();
    }

    Result verify = cli("verify", "--keys", keys.toString(), captured.toString());
    Result explained = cli("verify", "--keys", keys.toString(), "--explain", captured.toString());

    assertThat(verify.exit()).as("%s", verify).isZero();
    assertThat(verify.out())
        .startsWith("accepted: principal=" + PRINCIPAL + " keyId=" + KEY_ID)
        .contains("body=" + JSON.length + " bytes");
    // The client's debug output and the server's canonical string agree line for line.
    List<String> lines = explained.out().strip().lines().toList();
    assertThat(lines.subList(1, lines.size())).isEqualTo(clientDebug.lines().toList());
  }

  /** A tampered copy of the capture, and what verify answers. */
  @ParameterizedTest(name = "{0}")
  @Order(6)
  @ValueSource(
      strings = {
        "body changed|invalid_signature reason=BODY_DIGEST_MISMATCH",
        "query re-encoded by a proxy|invalid_signature reason=SIGNATURE_MISMATCH",
        "content-type changed|invalid_signature reason=SIGNATURE_MISMATCH",
        "method changed|invalid_signature reason=SIGNATURE_MISMATCH",
        "key id changed|invalid_signature reason=UNKNOWN_KEY",
        "authorization removed|missing_signature reason=MISSING_AUTHORIZATION",
        "host removed|malformed_signature reason=COVERED_HEADER_MISSING",
        "content-digest removed|malformed_signature reason=CONTENT_DIGEST_MISSING",
        "checked too late|stale_timestamp reason=TIMESTAMP_OUT_OF_WINDOW"
      })
  void step5_verify_rejectsEachTamperedCopyWithItsCode(String tamperingAndVerdict)
      throws Exception {
    String tampering = tamperingAndVerdict.split("\\|")[0];
    String verdict = tamperingAndVerdict.split("\\|")[1];
    String original = Files.readString(captured, StandardCharsets.UTF_8);
    String copy =
        switch (tampering) {
          case "body changed" -> original.replace("w\u00f6rld", "w\u00f6rle");
          case "query re-encoded by a proxy" ->
              original.replace("q=hello%20world", "q=hello+world");
          case "content-type changed" ->
              original.replace("Content-Type: application/json", "Content-Type: text/plain");
          case "method changed" -> original.replaceFirst("POST ", "PUT ");
          case "key id changed" -> original.replace("keyId=\"" + KEY_ID, "keyId=\"someone-else");
          case "authorization removed" -> original.replaceAll("(?m)^Authorization: .*\r\n", "");
          case "host removed" -> original.replaceAll("(?m)^Host: .*\r\n", "");
          case "content-digest removed" -> original.replaceAll("(?m)^Content-Digest: .*\r\n", "");
          case "checked too late" -> original;
          default -> throw new IllegalArgumentException(tampering);
        };
    if (!tampering.equals("checked too late")) {
      assertThat(copy).as("the tampering applies").isNotEqualTo(original);
    }
    Path file = dir.resolve(tampering.replace(' ', '-') + ".http");
    Files.writeString(file, copy, StandardCharsets.UTF_8);
    List<String> options =
        new ArrayList<>(List.of("verify", "--keys", keys.toString(), "--explain"));
    if (tampering.equals("checked too late")) {
      options.addAll(List.of("--now", Long.toString(timestampOf(original) + 301)));
    }
    options.add(file.toString());

    Result verify = cli(options.toArray(String[]::new));

    assertThat(verify.exit()).as("%s", verify).isEqualTo(1);
    assertThat(verify.out()).startsWith("rejected: code=" + verdict);
    if (verdict.contains("SIGNATURE_MISMATCH")) {
      String explained = fingerprintIn(verify.out(), "fingerprint: ");
      assertThat(verify.out()).contains("fingerprint=" + explained);
      assertThat(explained).isNotEqualTo(fingerprintIn(clientDebug, "fingerprint: "));
    }
    if (tampering.equals("query re-encoded by a proxy")
        || tampering.equals("content-type changed")) {
      // The same bytes sent to the server: its log line carries the fingerprint verify printed.
      String explained = fingerprintIn(verify.out(), "fingerprint: ");
      String path = copy.substring(copy.indexOf(' ') + 1, copy.indexOf('?'));
      int before = countLogged();
      assertThat(sendRaw(copy.getBytes(StandardCharsets.UTF_8))).isEqualTo(401);
      assertThat(loggedFingerprintAfter(before, path)).isEqualTo(explained);
    }
  }

  @Test
  @Order(7)
  void step5_explain_ofTheReEncodedQuery_differsFromTheClientsDebugOutputInTwoLines()
      throws Exception {
    Path reEncoded = dir.resolve("query-re-encoded-by-a-proxy.http");

    Result explained = cli("verify", "--keys", keys.toString(), "--explain", reEncoded.toString());

    List<String> server = explained.out().strip().lines().skip(1).toList();
    List<String> client = clientDebug.lines().toList();
    List<String> differing = new ArrayList<>();
    for (int i = 0; i < client.size(); i++) {
      if (!client.get(i).equals(server.get(i))) {
        differing.add(client.get(i) + " -> " + server.get(i));
      }
    }
    assertThat(server).hasSameSizeAs(client);
    assertThat(differing).hasSize(2);
    assertThat(differing.get(1)).isEqualTo("query: q=hello%20world -> query: q=hello+world");
  }

  /**
   * The reference clients' --debug output is line for line what verify --explain prints for the
   * request they sent: the same form in Python, Node and Java.
   */
  @ParameterizedTest(name = "{0}")
  @Order(8)
  @ValueSource(strings = {"python", "node"})
  void referenceClients_debug_isWhatVerifyExplainPrintsForTheirRequest(String client)
      throws Exception {
    Path repo = Path.of(System.getProperty("repo.root"));
    Matcher secret = Pattern.compile("\\.secret=base64:(\\S+)").matcher(Files.readString(keys));
    assertThat(secret.find()).isTrue();
    Path capture = dir.resolve(client + ".http");
    Result sent;
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<byte[]> request = CompletableFuture.supplyAsync(() -> captureOne(listener));
      List<String> command =
          new ArrayList<>(
              client.equals("python")
                  ? List.of("python3", repo.resolve("clients/python/hmac_signed.py").toString())
                  : List.of("node", repo.resolve("clients/node/cli.mjs").toString()));
      command.addAll(
          List.of(
              "request",
              "--debug",
              "--url",
              "http://127.0.0.1:" + listener.getLocalPort() + "/api/echo?q=hello%20world&a=1",
              "--key-id",
              KEY_ID,
              "--secret-base64",
              secret.group(1),
              "--header",
              "Content-Type: application/json; charset=utf-8",
              "--data-file",
              body.toString()));
      sent = exec(command, Map.of());
      assertThat(sent.exit()).as("%s", sent).isZero();
      Files.write(capture, request.get(60, TimeUnit.SECONDS));
    }

    Result explained = cli("verify", "--keys", keys.toString(), "--explain", capture.toString());

    assertThat(explained.exit()).as("%s", explained).isZero();
    List<String> lines = explained.out().strip().lines().toList();
    assertThat(lines.get(0)).startsWith("accepted: principal=" + PRINCIPAL);
    assertThat(lines.subList(1, lines.size())).isEqualTo(sent.stderr().strip().lines().toList());
    assertThat(sent.stderr()).contains("\nquery: a=1&q=hello%20world\n");
  }

  @AfterAll
  static void stopServerAndCheckForSecrets() throws Exception {
    if (server != null) {
      server.destroy();
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    Path log = Path.of(System.getProperty("cli.server.log", dir.resolve("server.log").toString()));
    Files.createDirectories(log.getParent());
    Files.writeString(log, serverLog.toString());
    if (keys == null) {
      return;
    }
    String content = Files.readString(keys);
    Matcher m = Pattern.compile("\\.secret=base64:(\\S+)").matcher(content);
    assertThat(m.find()).isTrue();
    String secret = m.group(1);
    String hex = HexFormat.of().formatHex(Base64.getDecoder().decode(secret));
    assertThat(outputs).isNotEmpty();
    for (String output : outputs) {
      assertThat(output).doesNotContain(secret).doesNotContain(hex);
    }
    assertThat(serverLog.toString()).doesNotContain(secret).doesNotContain(hex);
  }

  private static long timestampOf(String request) {
    Matcher m = Pattern.compile("timestamp=\"(\\d+)\"").matcher(request);
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static String fingerprintIn(String text, String prefix) {
    Matcher m = Pattern.compile(Pattern.quote(prefix) + "([0-9a-f]{12})").matcher(text);
    assertThat(m.find()).as("a fingerprint in %s", text).isTrue();
    return m.group(1);
  }

  private static int countLogged() {
    return (int)
        serverLog.toString().lines().filter(l -> LOGGED_FINGERPRINT.matcher(l).find()).count();
  }

  /** The fingerprint of the last signature mismatch the server logged for a path. */
  private static String loggedFingerprint(String path) throws InterruptedException {
    return loggedFingerprintAfter(0, path);
  }

  private static String loggedFingerprintAfter(int before, String path)
      throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      List<Matcher> found =
          serverLog
              .toString()
              .lines()
              .map(LOGGED_FINGERPRINT::matcher)
              .filter(Matcher::find)
              .toList();
      if (found.size() > before && found.get(found.size() - 1).group(1).equals(path)) {
        return found.get(found.size() - 1).group(2);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no SIGNATURE_MISMATCH line for " + path + " in:\n" + serverLog);
  }

  /** Reads one request as nc -l would save it, and answers 204. */
  private static byte[] captureOne(ServerSocket listener) {
    try (Socket socket = listener.accept()) {
      socket.setSoTimeout(60_000);
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      int contentLength = -1;
      StringBuilder line = new StringBuilder();
      boolean headersDone = false;
      while (!headersDone) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        raw.write(b);
        if (b == '\n') {
          String l = line.toString().strip();
          if (l.isEmpty()) {
            headersDone = true;
          } else if (l.regionMatches(true, 0, "content-length:", 0, 15)) {
            contentLength = Integer.parseInt(l.substring(15).strip());
          }
          line.setLength(0);
        } else {
          line.append((char) b);
        }
      }
      if (contentLength > 0) {
        raw.write(in.readNBytes(contentLength));
      }
      OutputStream out = socket.getOutputStream();
      out.write(
          "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return raw.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends bytes as they are to the demo server; the status of its answer. */
  private static int sendRaw(byte[] request) throws IOException {
    java.net.URI uri = java.net.URI.create(base);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      String statusLine =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
              .readLine();
      return Integer.parseInt(statusLine.split(" ")[1]);
    }
  }
}
