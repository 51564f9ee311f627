package dev.hmacsigned.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The problem document and headers of every public code. */
class RejectionResponseTest {
  private static final Map<Integer, String> TITLES =
      Map.of(401, "Unauthorized", 413, "Content Too Large", 503, "Service Unavailable");

  @ParameterizedTest
  @EnumSource(RejectionCode.class)
  void of_everyCode_isAProblemDocumentWithItsStatusTitleAndCode(RejectionCode code) {
    RejectionResponse response = RejectionResponse.of(code, "api");
    assertThat(response.code()).isEqualTo(code);
    assertThat(response.status()).isEqualTo(code.status()).isIn(401, 413, 503);
    assertThat(response.bodyText())
        .startsWith("{\"type\":\"about:blank\",\"title\":\"" + TITLES.get(code.status()) + "\",")
        .contains("\"status\":" + code.status() + ",\"code\":\"" + code.code() + "\"");
    assertThat(response.headers("content-type")).containsExactly(RejectionResponse.CONTENT_TYPE);
    assertThat(response.headers("Retry-After"))
        .isEqualTo(code.status() == 503 ? java.util.List.of("1") : java.util.List.of());
    assertThat(response.toString())
        .isEqualTo("RejectionResponse[" + code.status() + " " + code.code() + "]");
  }
}
