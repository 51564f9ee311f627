/**
 * The compatibility matrix of protocol v1: requests that real clients send, signed correctly, sent
 * by every client to every server, and each distinction the canonical form keeps, tampered.
 *
 * <p>{@link dev.hmacsigned.it.matrix.CompatibilityMatrix} is the runner; {@link
 * dev.hmacsigned.it.matrix.Corpus} and {@link dev.hmacsigned.it.matrix.TamperCorpus} are what it
 * sends; {@link dev.hmacsigned.it.matrix.MatrixClients} makes the clients; {@link
 * dev.hmacsigned.it.matrix.MatrixReport} prints and writes the figure. The integration-test modules
 * (embedded runtimes, WildFly, GlassFish) only say where their servers are.
 */
package dev.hmacsigned.it.matrix;
