package dev.hmacsigned.client;

/**
 * A JSON-B entity for the tests; public so that JSON-B can read and write it.
 *
 * @param sku the article
 * @param quantity how many
 * @param note free text, non-ASCII in the tests
 */
public record Order(String sku, int quantity, String note) {}
