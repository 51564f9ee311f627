/**
 * The {@code hmac-signed} command line: {@link dev.hmacsigned.cli.HmacSignedCli} generates keys,
 * signs requests for any client, sends them with curl and verifies captured ones, and shows the
 * canonical string of a request to find out why a signature is rejected. The commands live in
 * {@code dev.hmacsigned.cli.internal}.
 */
package dev.hmacsigned.cli;
