package dev.hmacsigned.it;

/**
 * The contract suite against the JAX-RS WAR on Open Liberty (RESTEasy), deployed as a user would:
 * {@code @HmacSigned} resources, the library's jars in {@code WEB-INF/lib}, an empty {@code
 * Application}, and no {@code web.xml}.
 */
class LibertyJaxrsIT extends ContractSuite {
  @Override
  protected ServerUnderTest serverUnderTest() throws Exception {
    ServerJvm jvm = ServerJvm.prepare("liberty-jaxrs");
    return OpenLiberty.start(jvm, OpenLiberty.name("hmac-jaxrs"), OpenLiberty.jaxrsWar());
  }

  @Override
  protected String clientRuntime() {
    return "jersey";
  }
}
