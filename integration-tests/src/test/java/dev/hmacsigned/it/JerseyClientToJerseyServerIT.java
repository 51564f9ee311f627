package dev.hmacsigned.it;

/** The contract suite: Jersey client, Jersey server. */
class JerseyClientToJerseyServerIT extends ContractSuite {
  @Override
  String serverRuntime() {
    return "jersey";
  }

  @Override
  String clientRuntime() {
    return "jersey";
  }
}
