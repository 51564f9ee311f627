package dev.hmacsigned.it.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.it.ContractKeys;
import dev.hmacsigned.it.attack.AttackRunner;
import dev.hmacsigned.it.attack.AttackTarget;
import dev.hmacsigned.it.attack.ContainerAnswers;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The compatibility matrix on the six embedded server runtimes, each in a JVM of its own on its
 * container's default settings: every client sends the accepted corpus to every server, then the
 * tamper corpus is sent. The figure goes to the build log and to {@code target/matrix.md} and
 * {@code target/matrix.json}; any false rejection or tampered request accepted fails the build. The
 * same servers then get the attack suite of issue 11 ({@code dev.hmacsigned.it.attack}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedMatrixIT {
  /** The server runtimes, in column order. */
  static final List<String> SERVERS =
      List.of(
          "jersey-grizzly",
          "jersey-jetty",
          "resteasy-undertow",
          "servlet-jetty",
          "servlet-tomcat",
          "cxf-server");

  private final List<EmbeddedServer> started = new ArrayList<>();
  private final List<Target> targets = new ArrayList<>();

  /** Starts the servers once, for the matrix and the attacks. */
  @BeforeAll
  void startServers() throws Exception {
    Path output = Path.of(required("it.matrix.output"));
    Path work = Files.createDirectories(output.resolve("matrix-work"));
    Path keysFile = work.resolve("keys.properties");
    ContractKeys.write(keysFile, ContractKeys.Rotation.OLD_ONLY);
    Path repoRoot = Path.of(required("it.repo-root"));

    List<String> servers = selected("it.matrix.servers", SERVERS);
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(servers.size());
    try {
      List<Future<EmbeddedServer>> starting = new ArrayList<>();
      for (String name : servers) {
        RuntimeModule module =
            RuntimeModule.read(repoRoot.resolve("integration-tests/runtimes"), name);
        starting.add(pool.submit(() -> EmbeddedServer.start(module, keysFile, work)));
      }
      // every server that did start is stopped after all, also when another did not
      Exception failed = null;
      for (Future<EmbeddedServer> f : starting) {
        try {
          started.add(f.get());
        } catch (ExecutionException e) {
          failed = failed == null ? e : failed;
        }
      }
      if (failed != null) {
        throw failed;
      }
    } finally {
      pool.shutdown();
    }
    System.out.printf("MATRIX servers started in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    for (EmbeddedServer s : started) {
      String base = echoBase(s);
      System.out.printf("MATRIX %s at %s h2c=%s%n", s.name(), base, s.h2c());
      targets.add(
          ContainerRefusals.allowList(s.name(), Target.of(s.name(), URI.create(base), s.h2c())));
    }
  }

  @AfterAll
  void stopServers() {
    for (EmbeddedServer s : started) {
      s.close();
    }
  }

  @Test
  void matrix_everyClientOnEveryEmbeddedServer_acceptsTheCorpusAndRejectsTampering()
      throws Exception {
    Path repoRoot = Path.of(required("it.repo-root"));
    Path output = Path.of(required("it.matrix.output"));
    MatrixResult result = MatrixRun.run("embedded runtimes", targets, repoRoot, output);
    result.assertNoFailure();
    assertThat(result.corpus()).hasSizeGreaterThanOrEqualTo(40);
  }

  /**
   * The attack suite of issue 11 on every server runtime, at its echo endpoint: one dynamic test
   * per hostile request and server. The runtimes run on the library's defaults (a 10 MiB body
   * limit, a 300 s skew).
   */
  @TestFactory
  Stream<DynamicContainer> attacks_everyEmbeddedServer_answersEachAsDocumented() {
    return started.stream()
        .map(
            s ->
                DynamicContainer.dynamicContainer(
                    s.name(),
                    AttackRunner.tests(
                        AttackTarget.echoEndpoint(
                            s.name(),
                            URI.create(echoBase(s)),
                            HmacVerifier.DEFAULT_MAX_BODY_BYTES,
                            ContainerAnswers.of(s.name())))));
  }

  private static String echoBase(EmbeddedServer s) {
    return s.echoBase().toString().replaceAll("/+$", "");
  }

  private static List<String> selected(String property, List<String> all) {
    String value = System.getProperty(property, "").strip();
    return value.isEmpty() ? all : Arrays.stream(value.split(",")).map(String::strip).toList();
  }

  private static String required(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("System property " + name + " is not set: the build sets it");
    }
    return value;
  }
}
