package dev.hmacsigned.client;

import dev.hmacsigned.core.HmacConfig;

/**
 * Makes an {@link HmacClientListener} available to configuration, so that adding a jar is enough to
 * count a client's answers: a jar lists its provider in {@code
 * META-INF/services/dev.hmacsigned.client.HmacClientListenerProvider}. A feature configured from
 * {@link HmacConfig} ({@link HmacClientFeature#fromConfiguration()}, {@code
 * register(HmacClientFeature.class)}, {@code @RegisterProvider(HmacClientFeature.class)} on a
 * MicroProfile Rest Client, or a builder given {@code configuration(…)} and no {@code listener})
 * installs the listeners {@value HmacConfig#CLIENT_LISTENERS} chooses: every installed one by
 * default.
 *
 * <p>A provider needs a public no-argument constructor; it is found with the thread's context class
 * loader.
 */
public interface HmacClientListenerProvider {

  /**
   * The name used in {@value HmacConfig#CLIENT_LISTENERS}.
   *
   * @return for example {@code micrometer}
   */
  String name();

  /**
   * Creates the listener.
   *
   * @param config the configuration the feature is built from
   * @return the listener
   */
  HmacClientListener create(HmacConfig config);
}
