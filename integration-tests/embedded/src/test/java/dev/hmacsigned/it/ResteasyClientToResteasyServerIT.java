package dev.hmacsigned.it;

/** The contract suite: RESTEasy client, RESTEasy server. */
class ResteasyClientToResteasyServerIT extends ContractSuite {
  @Override
  protected ServerUnderTest serverUnderTest() throws Exception {
    return ServerProcess.start("resteasy");
  }

  @Override
  protected String clientRuntime() {
    return "resteasy";
  }
}
