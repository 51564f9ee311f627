package dev.hmacsigned.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.RejectionCode;
import dev.hmacsigned.core.RejectionResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Finding the code and detail of a problem document in curl's output. */
class ProblemDocumentTest {
  @ParameterizedTest
  @EnumSource(RejectionCode.class)
  void find_everyRejectionResponseOfCore_givesItsCodeAndAdvice(RejectionCode code) {
    String body = RejectionResponse.of(code, "api").bodyText();

    ProblemDocument problem = ProblemDocument.find(body).orElseThrow();

    assertThat(problem.code()).isEqualTo(code.code());
    assertThat(problem.detail()).contains(code.advice());
  }

  @Test
  void find_afterHeadersOfCurlDashI_andWithEscapes() {
    String output =
        "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/problem+json\r\n\r\n"
            + "{ \"detail\" : \"say \\\"hi\\\"\\n\\u00e9\\/x\", \"code\" : \"stale_timestamp\" }";

    ProblemDocument problem = ProblemDocument.find(output).orElseThrow();

    assertThat(problem.code()).isEqualTo("stale_timestamp");
    assertThat(problem.detail()).contains("say \"hi\"\n\u00e9/x");
  }

  @Test
  void find_noCode_givesNothing_brokenEscape_givesNoDetail() {
    assertThat(ProblemDocument.find("<html>401</html>")).isEmpty();
    assertThat(
            ProblemDocument.find("{\"code\":\"x\",\"detail\":\"bad \\u12\"}")
                .orElseThrow()
                .detail())
        .isEmpty();
  }
}
