package dev.hmacsigned.cli.internal;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * The standard streams a command uses, so that tests run commands in-process.
 *
 * @param in standard input
 * @param out standard output
 * @param err standard error
 */
record Io(InputStream in, PrintStream out, PrintStream err) {}
