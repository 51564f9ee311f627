package dev.hmacsigned.it.load;

/** Load and faults on {@code HmacServletFilter} in Jetty 12 (ee10). */
class ServletJettyLoadIT extends LoadAndFaultsContract {
  @Override
  String target() {
    return "servlet-jetty";
  }
}
