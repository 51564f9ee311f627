package dev.hmacsigned.it.matrix;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The clients of the matrix, in the order of its rows:
 *
 * <ul>
 *   <li>the Jersey, RESTEasy and Apache CXF clients with {@code HmacClientFeature}, each in a JVM
 *       of its own ({@code integration-tests/runtimes/*-client}), started once for every target;
 *   <li>the JDK {@code HttpClient} over HTTP/1.1 and over HTTP/2 (h2c upgrade), and curl over
 *       HTTP/1.1 and with {@code --http2-prior-knowledge}, signing with the project's {@code
 *       HmacSigner};
 *   <li>the Python and Node reference clients ({@code clients/python}, {@code clients/node}), which
 *       sign by themselves.
 * </ul>
 */
public final class MatrixClients {
  /** Every client's name, in row order. */
  public static final List<String> NAMES =
      List.of(
          "jersey-client",
          "resteasy-client",
          "cxf-client",
          "jdk-httpclient-1.1",
          "jdk-httpclient-h2c",
          "curl-1.1",
          "curl-h2-prior-knowledge",
          "python",
          "node");

  private MatrixClients() {}

  /**
   * Makes the clients; the processes start when the matrix runs.
   *
   * @param repoRoot the repository's root
   * @param logDirectory where the client processes' standard error goes
   * @param only the names of the clients to make (see {@link #NAMES}); empty for all
   * @return the clients, in row order
   * @throws IOException if a runtime module has not been built
   */
  public static List<ClientDriver> standard(
      Path repoRoot, Path logDirectory, Collection<String> only) throws IOException {
    for (String name : only) {
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException(
            "No client named " + name + "; the clients are " + NAMES);
      }
    }
    Files.createDirectories(logDirectory);
    Path runtimes = repoRoot.resolve("integration-tests/runtimes");
    List<ClientDriver> clients = new ArrayList<>();
    for (String name : NAMES) {
      if (!only.isEmpty() && !only.contains(name)) {
        continue;
      }
      clients.add(
          switch (name) {
            case "jersey-client", "resteasy-client", "cxf-client" ->
                jaxrs(RuntimeModule.read(runtimes, name), logDirectory);
            case "jdk-httpclient-1.1" -> new JdkClientDriver(HttpClient.Version.HTTP_1_1);
            case "jdk-httpclient-h2c" -> new JdkClientDriver(HttpClient.Version.HTTP_2);
            case "curl-1.1" -> new CurlDriver(false);
            case "curl-h2-prior-knowledge" -> new CurlDriver(true);
            case "python" -> python(repoRoot, logDirectory);
            case "node" -> node(repoRoot, logDirectory);
            default -> throw new IllegalStateException(name);
          });
    }
    return clients;
  }

  private static ClientDriver jaxrs(RuntimeModule module, Path logDirectory) {
    // Jersey's default connector (HttpURLConnection) sends PATCH only with its documented
    // SET_METHOD_WORKAROUND, which needs java.net opened to it on Java 16 and later.
    List<String> options =
        module.name().equals("jersey-client")
            ? List.of("--add-opens", "java.base/java.net=ALL-UNNAMED")
            : List.of();
    return new JsonLinesClient(
        module.name(),
        module.command(options),
        logDirectory.resolve(module.name() + ".log"),
        jaxrsNotApplicable(module.name()));
  }

  /** What a JAX-RS client cannot express: none is known to be refused; see the report. */
  private static BiFunction<MatrixRequest, Target, Optional<String>> jaxrsNotApplicable(
      String client) {
    return (request, target) -> Optional.empty();
  }

  private static ClientDriver python(Path repoRoot, Path logDirectory) throws IOException {
    Path script = Files.createTempFile("matrix-python-batch-", ".py");
    try (InputStream in = MatrixClients.class.getResourceAsStream("python_batch.py")) {
      if (in == null) {
        throw new IOException("python_batch.py is missing from the class path");
      }
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    script.toFile().deleteOnExit();
    return new JsonLinesClient(
        "python",
        List.of(
            "python3",
            script.toString(),
            repoRoot.resolve("clients/python").toAbsolutePath().toString()),
        logDirectory.resolve("python.log"),
        (request, target) -> Optional.empty());
  }

  private static ClientDriver node(Path repoRoot, Path logDirectory) {
    return new JsonLinesClient(
        "node",
        List.of(
            "node", repoRoot.resolve("clients/node/cli.mjs").toAbsolutePath().toString(), "batch"),
        logDirectory.resolve("node.log"),
        (request, target) -> Optional.empty());
  }
}
