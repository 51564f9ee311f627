package dev.hmacsigned.it.matrix;

import dev.hmacsigned.it.ContractKeys;

/**
 * One request for a client to sign and send to one target.
 *
 * @param target the server
 * @param request the request
 * @param key the key to sign with
 */
public record Call(Target target, MatrixRequest request, ContractKeys.Key key) {

  /**
   * The URL, as it goes on the wire.
   *
   * @return the URL
   */
  public String url() {
    return request.url(target.echoBase());
  }
}
