package dev.hmacsigned.it;

/**
 * One concern of the contract: its tests are default methods, run by every class that implements
 * the interface, over the fixture that class provides. {@link ContractSuite} implements them all.
 */
public interface ContractConcern {
  /**
   * The fixture the tests run over.
   *
   * @return the fixture, once the suite has started the server
   */
  ContractFixture fixture();
}
