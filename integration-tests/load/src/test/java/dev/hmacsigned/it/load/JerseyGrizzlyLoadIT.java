package dev.hmacsigned.it.load;

/** Load and faults on {@code HmacServerFeature} in Jersey on Grizzly. */
class JerseyGrizzlyLoadIT extends LoadAndFaultsContract {
  @Override
  String target() {
    return "jersey-grizzly";
  }
}
