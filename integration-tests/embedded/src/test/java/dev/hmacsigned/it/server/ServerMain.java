package dev.hmacsigned.it.server;

import java.io.IOException;
import java.util.function.IntFunction;

/**
 * The life of a server JVM: start, print {@code LISTENING}, serve until standard input closes (the
 * test JVM ended or stopped it). Each runtime has a main class of its own, so that a server JVM
 * links only its own JAX-RS implementation.
 */
final class ServerMain {
  static final String CONTEXT = "/ctx";

  private ServerMain() {}

  static void serve(String[] args, IntFunction<Runnable> start) throws IOException {
    int port = Integer.parseInt(args[0]);
    Runnable stop = start.apply(port);
    System.out.println("LISTENING " + port);
    System.out.flush();
    while (System.in.read() >= 0) {
      // ignore input; end of input is the signal to stop
    }
    stop.run();
    System.exit(0);
  }
}
