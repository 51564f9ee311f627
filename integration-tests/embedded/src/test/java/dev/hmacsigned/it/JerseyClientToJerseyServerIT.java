package dev.hmacsigned.it;

/** The contract suite: Jersey client, Jersey server. */
class JerseyClientToJerseyServerIT extends ContractSuite {
  @Override
  protected ServerUnderTest serverUnderTest() throws Exception {
    return ServerProcess.start("jersey");
  }

  @Override
  protected String clientRuntime() {
    return "jersey";
  }
}
