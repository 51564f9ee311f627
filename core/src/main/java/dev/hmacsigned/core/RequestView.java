package dev.hmacsigned.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A framework-neutral view of an HTTP request: what the signer and the verifier need, nothing more.
 * The JAX-RS, servlet and client adapters each implement it over their own request type.
 *
 * <p>Path and query are the raw bytes of the request target, never decoded: the signature covers
 * exactly what was sent. On a server they come from the raw request URI, so the context path is
 * part of the signed path.
 */
public interface RequestView {

  /**
   * The method as sent, for example {@code POST}.
   *
   * @return the method
   */
  String method();

  /**
   * The raw path of the request target, percent-encoding kept as sent, without the query.
   *
   * @return the path; an empty string is signed as {@code /}
   */
  String rawPath();

  /**
   * The raw query without the {@code ?}, or {@code null} when there is none.
   *
   * @return the query or {@code null}
   */
  String rawQuery();

  /**
   * Every value of a header, one element per header line, in the order received.
   *
   * @param name a header name, matched case-insensitively
   * @return the values; empty when the header is absent, never {@code null}
   */
  List<String> headers(String name);

  /**
   * The request body. Called at most once, and only when the body is needed.
   *
   * @return the body, an empty stream when there is none
   * @throws IOException if the body cannot be read
   */
  InputStream body() throws IOException;

  /**
   * The caller's address, for the log only.
   *
   * @return an address, or {@code "-"} when unknown
   */
  default String remoteAddress() {
    return "-";
  }
}
