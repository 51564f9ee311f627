package dev.hmacsigned.it;

/**
 * The contract suite against the JAX-RS WAR on Payara Micro (Jersey), deployed as a user would:
 * {@code @HmacSigned} resources, the library's jars in {@code WEB-INF/lib}, an empty {@code
 * Application}, and no {@code web.xml}.
 */
class PayaraJaxrsIT extends ContractSuite {
  @Override
  protected ServerUnderTest serverUnderTest() throws Exception {
    ServerJvm jvm = ServerJvm.prepare("payara-jaxrs");
    return PayaraMicro.start(jvm, PayaraMicro.name("hmac-jaxrs"), PayaraMicro.jaxrsWar());
  }

  @Override
  protected String clientRuntime() {
    return "jersey";
  }
}
