package dev.hmacsigned.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hmacsigned.core.RequestView;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the signer is told about an outgoing request. */
class ClientRequestViewTest {

  @ParameterizedTest
  @CsvSource({
    "http://api.example.com/a, api.example.com",
    "http://api.example.com:8080/a, api.example.com:8080",
    "https://127.0.0.1:8443, 127.0.0.1:8443",
    "http://[::1]:8080/a, [::1]:8080",
    "http://[::1]/a, [::1]"
  })
  void authorityOf_uri_isHostAndExplicitPort(String uri, String host) {
    assertThat(RequestView.authorityOf(URI.create(uri))).isEqualTo(host);
  }

  @ParameterizedTest
  @CsvSource({
    "http://h:80/a%2Fb?q=%20x#f, http://h/a%2Fb?q=%20x#f",
    "https://u@h:443/p, https://u@h/p",
    "http://[::1]:80, http://[::1]",
    "HTTP://h:80/, HTTP://h/",
    "http://h:443/p, http://h:443/p",
    "https://h:80/p, https://h:80/p",
    "http://h:8080/p, http://h:8080/p",
    "http://h/p, http://h/p"
  })
  void withoutDefaultPort_uri_dropsOnlyTheSchemesDefaultPort(String uri, String expected) {
    assertThat(ClientRequestView.withoutDefaultPort(URI.create(uri))).hasToString(expected);
  }

  @Test
  void withoutDefaultPort_noDefaultPort_returnsTheSameUri() {
    URI uri = URI.create("http://h:8080/p");

    assertThat(ClientRequestView.withoutDefaultPort(uri)).isSameAs(uri);
  }

  @Test
  void headers_hostHeaderSet_winsOverTheUri() {
    ClientRequestView view =
        new ClientRequestView(
            "GET", URI.create("http://127.0.0.1:9/x"), Map.of("HOST", List.of("api.example.test")));

    assertThat(view.headers("host")).containsExactly("api.example.test");
  }

  @Test
  void rawPathAndQuery_areTheUrisRawParts() {
    ClientRequestView view =
        new ClientRequestView("GET", URI.create("http://h:9/a%2Fb/%7E?b=%20&a"), Map.of());

    assertThat(view.rawPath()).isEqualTo("/a%2Fb/%7E");
    assertThat(view.rawQuery()).isEqualTo("b=%20&a");
    assertThat(view.headers("host")).isEmpty();
    assertThat(view.authority()).isEqualTo("h:9");
    assertThat(view.headers("content-type")).isEmpty();
  }

  @Test
  void rawPath_noPath_isEmpty() {
    assertThat(new ClientRequestView("GET", URI.create("http://h"), Map.of()).rawPath()).isEmpty();
  }
}
