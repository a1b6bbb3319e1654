package io.syncplan.plan.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.plan.PlanServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Where a JWT issuer and a console client are configured, the console offers OpenID Connect. */
@PlanServiceTest
@TestPropertySource(
    properties = {
      "spring.security.oauth2.resourceserver.jwt.issuer-uri=https://login.example.com:8443/realms/ops",
      "spring.security.oauth2.resourceserver.jwt.audiences=syncplan-api",
      "syncplan.console.oidc-client-id=syncplan-console"
    })
class ConsoleOidcTest {

  @Autowired WebTestClient http;

  @Test
  void theSignInConfigurationNamesTheIssuerTheClientAndTheScopes() {
    http.get()
        .uri("/api/v1/auth/config")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.apiKeys")
        .isEqualTo(true)
        .jsonPath("$.oidc.issuer")
        .isEqualTo("https://login.example.com:8443/realms/ops")
        .jsonPath("$.oidc.clientId")
        .isEqualTo("syncplan-console")
        .jsonPath("$.oidc.scopes")
        .isEqualTo("openid");
  }

  @Test
  void thePagesMayFetchFromTheIssuerAndNowhereElse() {
    String policy =
        http.get()
            .uri("/")
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(String.class)
            .getResponseHeaders()
            .getFirst("Content-Security-Policy");
    assertThat(policy).contains("connect-src 'self' https://login.example.com:8443;");
  }
}
