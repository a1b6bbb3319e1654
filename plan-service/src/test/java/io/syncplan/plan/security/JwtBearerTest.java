package io.syncplan.plan.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.syncplan.plan.PlanServiceTest;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** JWT bearer tokens from a configured issuer, whose keys a real HTTP server publishes. */
@PlanServiceTest
class JwtBearerTest {

  static final String ISSUER = "https://login.example.test/realms/ops";
  static final String AUDIENCE = "syncplan";
  static final String ROLES = "https://syncplan.dev/roles";
  static final RSAKey KEY = generate("trusted");
  static final RSAKey OTHER_KEY = generate("untrusted");
  static final MockWebServer JWKS = start();

  @Autowired WebTestClient http;

  @DynamicPropertySource
  static void issuer(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
        () -> JWKS.url("/jwks").toString());
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER);
    registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> AUDIENCE);
  }

  @AfterAll
  static void stop() {
    JWKS.close();
  }

  static RSAKey generate(String id) {
    try {
      return new RSAKeyGenerator(2048).keyID(id).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static MockWebServer start() {
    MockWebServer server = new MockWebServer();
    String jwks = new JWKSet(KEY.toPublicJWK()).toString();
    server.setDispatcher(
        new mockwebserver3.Dispatcher() {
          @Override
          public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
            return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(jwks)
                .build();
          }
        });
    try {
      server.start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return server;
  }

  static String token(RSAKey key, String issuer, Object roles, Instant expires) {
    return token(key, issuer, AUDIENCE, ROLES, roles, expires);
  }

  static String token(
      RSAKey key, String issuer, String audience, String claim, Object roles, Instant expires) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
              new JWTClaimsSet.Builder()
                  .issuer(issuer)
                  .subject("alice")
                  .audience(audience)
                  .claim(claim, roles)
                  .issueTime(new Date())
                  .expirationTime(Date.from(expires))
                  .build());
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  WebTestClient.ResponseSpec getPlans(String token) {
    return http.get().uri("/api/v1/plans").header("Authorization", "Bearer " + token).exchange();
  }

  @Test
  void aTokenFromTheIssuerWithARoleIsAccepted() {
    String viewer = token(KEY, ISSUER, List.of("viewer"), Instant.now().plusSeconds(300));
    getPlans(viewer).expectStatus().isOk();
    http.post()
        .uri("/api/v1/plans/x/pause")
        .header("Authorization", "Bearer " + viewer)
        .exchange()
        .expectStatus()
        .isForbidden();
    String admin = token(KEY, ISSUER, "admin", Instant.now().plusSeconds(300));
    http.get()
        .uri("/api/v1/keys")
        .header("Authorization", "Bearer " + admin)
        .exchange()
        .expectStatus()
        .isOk();
  }

  @Test
  void forgedExpiredOrForeignTokensAreRefused() {
    getPlans(token(OTHER_KEY, ISSUER, List.of("admin"), Instant.now().plusSeconds(300)))
        .expectStatus()
        .isUnauthorized();
    getPlans(token(KEY, ISSUER, List.of("admin"), Instant.now().minusSeconds(600)))
        .expectStatus()
        .isUnauthorized();
    getPlans(token(KEY, "https://elsewhere.test", List.of("admin"), Instant.now().plusSeconds(300)))
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void aTokenForAnotherAudienceIsRefused() {
    getPlans(
            token(
                KEY,
                ISSUER,
                "another-app",
                ROLES,
                List.of("admin"),
                Instant.now().plusSeconds(300)))
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void aGenericRolesClaimGrantsNothingOnlyTheNamespacedOneDoes() {
    getPlans(
            token(KEY, ISSUER, AUDIENCE, "roles", List.of("admin"), Instant.now().plusSeconds(300)))
        .expectStatus()
        .isForbidden();
  }

  @Test
  void aTokenNamingNoRoleMayDoNothing() {
    getPlans(token(KEY, ISSUER, List.of("superuser"), Instant.now().plusSeconds(300)))
        .expectStatus()
        .isForbidden();
  }

  @Test
  void apiKeysStillWorkBesideTokens() {
    getPlans(PlanServiceTest.ADMIN_KEY).expectStatus().isOk();
  }
}
