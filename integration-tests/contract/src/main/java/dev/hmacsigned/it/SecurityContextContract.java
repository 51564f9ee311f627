package dev.hmacsigned.it;

import static dev.hmacsigned.it.ContractFixture.newClient;
import static dev.hmacsigned.it.ContractFixture.status;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/**
 * The verified caller as the application sees it: the key's principal and roles, the {@code HMAC}
 * scheme, and {@code isSecure} of the transport ({@code @RolesAllowed} on the JAX-RS resource,
 * {@code isUserInRole} behind the servlet filter).
 */
public interface SecurityContextContract extends ContractConcern {
  @Test
  default void securityContext_carriesPrincipalRolesSchemeAndIsSecureOfTheTransport() {
    assertThat(fixture().api().path("whoami").request().get(String.class))
        .isEqualTo("orders-service scheme=HMAC secure=false orders.read=true");
  }

  @Test
  default void roles_followTheKeysRoles() {
    ContractFixture f = fixture();
    // @RolesAllowed on the JAX-RS resource; isUserInRole behind the servlet filter.
    assertThat(status(f.api().path("admin").request().get())).isEqualTo(403);
    try (Client adminClient = newClient(ContractKeys.ADMIN.hmacKey())) {
      Response response =
          adminClient.target(f.server().baseUri()).path("api/admin").request().get();
      assertThat(response.getStatus()).isEqualTo(200);
      assertThat(response.readEntity(String.class)).isEqualTo("admin ok");
    }
  }
}
