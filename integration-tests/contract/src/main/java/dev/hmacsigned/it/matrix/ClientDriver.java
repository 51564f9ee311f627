package dev.hmacsigned.it.matrix;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A client of the matrix: signs requests (with the project's code or its own reference
 * implementation) and sends them with its own HTTP stack.
 */
public interface ClientDriver extends AutoCloseable {
  /**
   * The client's name, a row of the matrix.
   *
   * @return the name
   */
  String name();

  /**
   * Why this client cannot send a request to a target, if it cannot: a request it cannot express,
   * or a protocol the target does not speak. Such a request is counted as N/A, with this reason.
   *
   * @param request the request
   * @param target the target
   * @return the reason, or empty when the client sends it
   */
  Optional<String> notApplicable(MatrixRequest request, Target target);

  /**
   * Signs and sends requests, in order.
   *
   * @param calls the requests
   * @return one reply per call, in the same order
   * @throws Exception if the client itself broke (not for an error response)
   */
  List<Reply> send(List<Call> calls) throws Exception;

  /**
   * Ends what the client started (its process, its files).
   *
   * @throws IOException if its files cannot be removed
   */
  @Override
  default void close() throws IOException {}
}
