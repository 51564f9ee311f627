package dev.hmacsigned.it;

/** The contract suite: Jersey client, Resteasy server. */
class JerseyClientToResteasyServerIT extends ContractSuite {
  @Override
  String serverRuntime() {
    return "resteasy";
  }

  @Override
  String clientRuntime() {
    return "jersey";
  }
}
