package io.syncplan.plan.plan;

import static org.mockito.Mockito.verifyNoInteractions;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The plan API's web layer alone, in a second: what it refuses (400 problem+json naming the field)
 * never reaches the plans. Security and the store are the full-stack tests' business ({@link
 * PlanApiTest}); here the plans are stand-ins that must never be called.
 */
@WebFluxTest(
    controllers = PlanController.class,
    excludeAutoConfiguration = {
      SecurityAutoConfiguration.class,
      ReactiveWebSecurityAutoConfiguration.class,
      ReactiveUserDetailsServiceAutoConfiguration.class
    })
class PlanRequestSliceTest {

  @Autowired WebTestClient http;
  @MockitoBean PlanService plans;
  @MockitoBean PlanPatcher patcher;
  @MockitoBean PlanCatalog catalog;

  @AfterEach
  void nothingReachedThePlans() {
    verifyNoInteractions(plans, patcher, catalog);
  }

  @Test
  void aPlanWithoutAModeIsRefusedNamingTheField() {
    post("""
            {"name":"docs","source":{"path":"/data/docs"},"destination":{"path":"/backup/docs"}}
            """)
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://syncplan.dev/problems/invalid-request")
        .jsonPath("$.errors[0].field")
        .isEqualTo("mode");
  }

  @Test
  void anUnknownModeIsRefusedNamingTheField() {
    post("""
            {"name":"docs","source":{"path":"/data/docs"},"destination":{"path":"/backup/docs"},
             "mode":"SOMETIMES"}
            """)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("mode");
  }

  @Test
  void aDeletionLimitAboveAHundredPercentIsRefused() {
    post("""
            {"name":"docs","source":{"path":"/data/docs"},"destination":{"path":"/backup/docs"},
             "mode":"MIRROR","deletionGuard":{"maxDeletePercent":101}}
            """)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("deletionGuard.maxDeletePercent");
  }

  @Test
  void aBodyThatIsNotJsonIsRefused() {
    post("{not json")
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.errors[0].message")
        .isEqualTo("the body is not valid JSON");
  }

  @Test
  void aPageTooDeepIsRefusedBeforeTheListIsRead() {
    http.get()
        .uri("/api/v1/plans?page=1000000&size=500")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("page");
  }

  private WebTestClient.ResponseSpec post(String body) {
    return http.post()
        .uri("/api/v1/plans")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }
}
