package dev.hmacsigned.it;

/** The contract suite: Jersey client, RESTEasy server. */
class JerseyClientToResteasyServerIT extends ContractSuite {
  @Override
  protected ServerUnderTest serverUnderTest() throws Exception {
    return ServerProcess.start("resteasy");
  }

  @Override
  protected String clientRuntime() {
    return "jersey";
  }
}
