package dev.hmacsigned.it;

/** The contract suite: Resteasy client, Jersey server. */
class ResteasyClientToJerseyServerIT extends ContractSuite {
  @Override
  String serverRuntime() {
    return "jersey";
  }

  @Override
  String clientRuntime() {
    return "resteasy";
  }
}
