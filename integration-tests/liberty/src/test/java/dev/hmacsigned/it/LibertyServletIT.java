package dev.hmacsigned.it;

/**
 * The contract suite against the servlet WAR on Open Liberty: {@code HmacServletFilter} declared in
 * {@code web.xml}.
 */
class LibertyServletIT extends ContractSuite {
  @Override
  protected ServerUnderTest serverUnderTest() throws Exception {
    ServerJvm jvm = ServerJvm.prepare("liberty-servlet");
    return OpenLiberty.start(jvm, OpenLiberty.name("hmac-servlet"), OpenLiberty.servletWar(jvm));
  }

  @Override
  protected String clientRuntime() {
    return "jersey";
  }
}
