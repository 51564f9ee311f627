package dev.hmacsigned.it;

/** The contract suite: Resteasy client, Resteasy server. */
class ResteasyClientToResteasyServerIT extends ContractSuite {
  @Override
  String serverRuntime() {
    return "resteasy";
  }

  @Override
  String clientRuntime() {
    return "resteasy";
  }
}
