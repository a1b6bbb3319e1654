package io.syncplan.plan.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.plan.PlanServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@PlanServiceTest
class ConsoleServingTest {

  @Autowired WebTestClient http;

  @Test
  void theConsoleIsServedAtTheRootWithoutATokenUnderAStrictContentSecurityPolicy() {
    HttpHeaders headers =
        http.get()
            .uri("/")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.TEXT_HTML)
            .expectBody(String.class)
            .value(html -> assertThat(html).contains("assets/app.js").doesNotContain("<script>"))
            .returnResult()
            .getResponseHeaders();
    String policy = headers.getFirst("Content-Security-Policy");
    assertThat(policy)
        .contains("default-src 'none'", "script-src 'self'", "style-src 'self'")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval");
    assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
    assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(headers.get(HttpHeaders.SET_COOKIE)).isNull();
  }

  @Test
  void theConsolesScriptsAndItsChartLibraryLoadWithoutAToken() {
    http.get()
        .uri("/assets/app.js")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith("text/javascript");
    http.get().uri("/webjars/uplot/dist/uPlot.esm.js").exchange().expectStatus().isOk();
    // the rest of the webjars (the API description's) stays behind a token
    http.get().uri("/webjars/swagger-ui/index.html").exchange().expectStatus().isUnauthorized();
  }

  @Test
  void theSignInConfigurationIsPublicAndOffersApiKeysWithoutAnIssuer() {
    http.get()
        .uri("/api/v1/auth/config")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.apiKeys")
        .isEqualTo(true)
        .jsonPath("$.oidc")
        .doesNotExist();
  }

  @Test
  void meNamesTheCallerAndItsRoleAndNeedsAToken() {
    http.get()
        .uri("/api/v1/auth/me")
        .header(HttpHeaders.AUTHORIZATION, PlanServiceTest.ADMIN)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.role")
        .isEqualTo("ADMIN")
        .jsonPath("$.name")
        .isEqualTo("key:bootstrap");
    http.get().uri("/api/v1/auth/me").exchange().expectStatus().isUnauthorized();
  }
}
