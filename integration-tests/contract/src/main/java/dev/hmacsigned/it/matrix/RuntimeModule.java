package dev.hmacsigned.it.matrix;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A runtime module of {@code integration-tests/runtimes}: its build writes {@code
 * target/runtime.classpath} (the whole class path of its JVM) and {@code target/runtime.main} (its
 * main class), and the matrix starts it as a JVM of its own.
 *
 * @param name the module's directory name, for example {@code jersey-client}
 * @param classpath the class path
 * @param mainClass the main class
 */
public record RuntimeModule(String name, String classpath, String mainClass) {

  /**
   * Reads a runtime module's files.
   *
   * @param runtimesDirectory {@code integration-tests/runtimes}
   * @param name the module's directory name
   * @return the module
   * @throws IOException if its build has not written them
   */
  public static RuntimeModule read(Path runtimesDirectory, String name) throws IOException {
    Path target = runtimesDirectory.resolve(name).resolve("target");
    Path classpath = target.resolve("runtime.classpath");
    Path main = target.resolve("runtime.main");
    if (!Files.isRegularFile(classpath) || !Files.isRegularFile(main)) {
      throw new IOException(
          "No "
              + classpath
              + " or runtime.main: build the runtime first (mvn -pl integration-tests/runtimes/"
              + name
              + " package)");
    }
    return new RuntimeModule(
        name, Files.readString(classpath).strip(), Files.readString(main).strip());
  }

  /**
   * The command that starts it.
   *
   * @param jvmOptions options before the class path, such as {@code -Dhmac.keys.file=...}
   * @return the command
   */
  public List<String> command(List<String> jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    return command;
  }

  /**
   * The entries of the class path.
   *
   * @return the entries
   */
  public List<String> classpathEntries() {
    return List.of(classpath.split(File.pathSeparator));
  }
}
