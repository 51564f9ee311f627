package dev.hmacsigned.core;

/** Whether a key may still verify requests. */
public enum KeyStatus {
  /** The key signs and verifies. */
  ACTIVE,
  /** The key is kept in the ring so that its requests are recognized, but every one is rejected. */
  REVOKED
}
