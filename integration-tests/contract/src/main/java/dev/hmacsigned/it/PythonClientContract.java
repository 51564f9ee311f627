package dev.hmacsigned.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Python reference client ({@code clients/python/hmac_signed.py request}) as a caller: its
 * signatures verify on the server, with bodies, encoded paths and queries, and its clock is held to
 * the same window.
 */
public interface PythonClientContract extends ContractConcern {
  @Test
  default void pythonReferenceClient_postJson_isVerifiedAndEchoed() throws Exception {
    byte[] body = "{\"name\":\"Zoë\",\"city\":\"København\"}".getBytes(StandardCharsets.UTF_8);
    Path data = Files.write(Files.createTempFile("python-body-", ".json"), body);
    Map<String, Object> reply;
    try {
      reply =
          python(
              "--method",
              "POST",
              "--url",
              fixture().server().baseUri() + "api/echo?b=2&a=1",
              "--data-file",
              data.toString(),
              "--header",
              "Content-Type: application/json");
    } finally {
      Files.delete(data);
    }
    assertThat(reply.get("status")).isEqualTo(200);
    assertThat(Base64.getDecoder().decode((String) reply.get("body_base64"))).isEqualTo(body);
  }

  @Test
  default void pythonReferenceClient_getWithEncodedPathAndQuery_isVerified() throws Exception {
    Map<String, Object> reply =
        python("--url", fixture().server().baseUri() + "api/items/a%20b?z=1&a=%20x&flag");
    assertThat(reply.get("status")).isEqualTo(200);
    assertThat(
            new String(
                Base64.getDecoder().decode((String) reply.get("body_base64")),
                StandardCharsets.UTF_8))
        .contains("\"query\":\"z=1&a=%20x&flag\"");
  }

  @Test
  default void pythonReferenceClient_staleClock_getsStaleTimestamp() throws Exception {
    Map<String, Object> reply =
        python("--url", fixture().server().baseUri() + "api/whoami", "--timestamp-offset", "-1000");
    assertThat(reply.get("status")).isEqualTo(401);
    assertThat(
            new String(
                Base64.getDecoder().decode((String) reply.get("body_base64")),
                StandardCharsets.UTF_8))
        .contains("stale_timestamp");
  }

  /** Runs the Python client signing with {@link ContractKeys#ORDERS}; its JSON answer, parsed. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> python(String... args) throws Exception {
    Path repo = Path.of(ContractSuite.requiredProperty("it.repo-root"));
    List<String> command =
        new ArrayList<>(
            List.of(
                "python3",
                repo.resolve("clients/python/hmac_signed.py").toString(),
                "request",
                "--key-id",
                ContractKeys.ORDERS.id(),
                "--secret-base64",
                ContractKeys.ORDERS.secretBase64()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(err).isZero();
    return new ObjectMapper().readValue(out, Map.class);
  }
}
