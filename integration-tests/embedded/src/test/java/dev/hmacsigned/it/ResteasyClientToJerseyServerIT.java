package dev.hmacsigned.it;

/** The contract suite: RESTEasy client, Jersey server. */
class ResteasyClientToJerseyServerIT extends ContractSuite {
  @Override
  protected ServerUnderTest serverUnderTest() throws Exception {
    return ServerProcess.start("jersey");
  }

  @Override
  protected String clientRuntime() {
    return "resteasy";
  }
}
