package dev.hmacsigned.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.KeyRing;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Misconfiguration fails the deployment, in init, with a message that says what to fix. */
class HmacServletFilterInitTest {
  @TempDir Path directory;

  static FilterConfig config(Map<String, String> parameters) {
    return new FilterConfig() {
      @Override
      public String getFilterName() {
        return "hmac";
      }

      @Override
      public ServletContext getServletContext() {
        return null;
      }

      @Override
      public String getInitParameter(String name) {
        return parameters.get(name);
      }

      @Override
      public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(parameters.keySet());
      }
    };
  }

  static <T> T unusable(Class<T> type) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              throw new AssertionError("unexpected call " + method.getName());
            }));
  }

  Path keysFile(String content) throws Exception {
    return Files.writeString(directory.resolve("keys.properties"), content, StandardCharsets.UTF_8);
  }

  String validKeys() {
    return "k1.secret=base64:" + TestKeys.base64(TestKeys.randomBytes(32)) + "\n";
  }

  @Test
  void init_validInitParameters_initializes() throws Exception {
    HmacServletFilter filter = new HmacServletFilter();

    filter.init(
        config(
            Map.of(
                HmacConfig.KEYS_FILE, keysFile(validKeys()).toString(),
                HmacConfig.CLOCK_SKEW, "60",
                HmacConfig.REALM, "orders")));

    assertThat(filter.toString()).contains("clockSkew=60s", "realm=orders");
  }

  @Test
  void init_clockSkewNotANumber_servletExceptionNamingSetting() {
    HmacServletFilter filter = new HmacServletFilter();

    assertThatThrownBy(() -> filter.init(config(Map.of(HmacConfig.CLOCK_SKEW, "five minutes"))))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("'hmac'")
        .hasMessageContaining("hmac.clock-skew");
  }

  @Test
  void init_clockSkewOverCap_servletException() {
    HmacServletFilter filter = new HmacServletFilter();

    assertThatThrownBy(() -> filter.init(config(Map.of(HmacConfig.CLOCK_SKEW, "901"))))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("15 minutes");
  }

  @Test
  void init_missingKeysFile_servletExceptionNamingFile() {
    Path missing = directory.resolve("absent.properties");
    HmacServletFilter filter = new HmacServletFilter();

    assertThatThrownBy(() -> filter.init(config(Map.of(HmacConfig.KEYS_FILE, missing.toString()))))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void init_keysFileWithWeakSecret_servletExceptionWithoutSecret() throws Exception {
    String weak = TestKeys.base64(TestKeys.randomBytes(16));
    Path file = keysFile("weak.secret=base64:" + weak + "\n");
    HmacServletFilter filter = new HmacServletFilter();

    assertThatThrownBy(() -> filter.init(config(Map.of(HmacConfig.KEYS_FILE, file.toString()))))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("weak")
        .message()
        .doesNotContain(weak);
  }

  @Test
  void init_unknownReplayStore_servletException() throws Exception {
    HmacServletFilter filter = new HmacServletFilter();
    Map<String, String> parameters =
        Map.of(
            HmacConfig.KEYS_FILE,
            keysFile(validKeys()).toString(),
            HmacConfig.REPLAY_STORE,
            "redis");

    assertThatThrownBy(() -> filter.init(config(parameters)))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("hmac.replay.store");
  }

  @Test
  void init_createdWithVerifier_ignoresInitParameters() throws Exception {
    HmacServletFilter filter =
        HmacServletFilter.of(HmacVerifier.builder().keys(KeyRing.empty()).realm("coded").build());

    filter.init(config(Map.of(HmacConfig.CLOCK_SKEW, "not read")));

    assertThat(filter.toString()).contains("realm=coded");
  }

  @Test
  void of_nullVerifier_throws() {
    assertThatThrownBy(() -> HmacServletFilter.of(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void doFilter_beforeInit_servletException() {
    HmacServletFilter filter = new HmacServletFilter();
    jakarta.servlet.http.HttpServletRequest request =
        unusable(jakarta.servlet.http.HttpServletRequest.class);
    jakarta.servlet.http.HttpServletResponse response =
        unusable(jakarta.servlet.http.HttpServletResponse.class);

    assertThatThrownBy(() -> filter.doFilter(request, response, (req, res) -> {}))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("init(FilterConfig)");
  }

  @Test
  void doFilter_notHttp_servletExceptionAndChainNotInvoked() {
    HmacServletFilter filter =
        HmacServletFilter.of(HmacVerifier.builder().keys(KeyRing.empty()).build());

    assertThatThrownBy(
            () ->
                filter.doFilter(
                    unusable(ServletRequest.class),
                    unusable(ServletResponse.class),
                    (req, res) -> {
                      throw new AssertionError("chain invoked");
                    }))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("HTTP");
  }
}
