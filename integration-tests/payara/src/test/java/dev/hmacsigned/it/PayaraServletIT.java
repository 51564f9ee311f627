package dev.hmacsigned.it;

/**
 * The contract suite against the servlet WAR on Payara Micro: {@code HmacServletFilter} declared in
 * {@code web.xml}.
 */
class PayaraServletIT extends ContractSuite {
  @Override
  protected ServerUnderTest serverUnderTest() throws Exception {
    ServerJvm jvm = ServerJvm.prepare("payara-servlet");
    return PayaraMicro.start(jvm, PayaraMicro.name("hmac-servlet"), PayaraMicro.servletWar(jvm));
  }

  @Override
  protected String clientRuntime() {
    return "jersey";
  }
}
