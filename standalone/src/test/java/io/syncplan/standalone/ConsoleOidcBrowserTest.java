package io.syncplan.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Signing in to the console with OpenID Connect, in a real browser: the authorization code flow
 * with PKCE against an issuer on loopback (a real HTTP server that checks the code verifier against
 * the challenge, as an identity provider does), the token it issues accepted by plan-service, the
 * role from its claim deciding what is shown.
 */
class ConsoleOidcBrowserTest {

  static final String AUDIENCE = "syncplan-api";
  static final String ADMIN_KEY = "spk_console-oidc-test-admin-key-0001";
  static final String CLIENT = "syncplan-console";

  @TempDir static Path work;
  static MockWebServer issuer;
  static StandaloneStack stack;
  static Browser browser;
  static final RSAKey KEY = key();
  static final Map<String, String> challenges = new ConcurrentHashMap<>();
  static final AtomicReference<String> verifierSeen = new AtomicReference<>();

  static RSAKey key() {
    try {
      return new RSAKeyGenerator(2048).keyID("console-test").generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    Browser.missing().ifPresent(why -> Assumptions.abort("Console browser tests skipped: " + why));
    issuer = new MockWebServer();
    issuer.setDispatcher(new Issuer());
    issuer.start();
    System.setProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuerUri());
    System.setProperty(
        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", issuer.url("/jwks").toString());
    System.setProperty("spring.security.oauth2.resourceserver.jwt.audiences", AUDIENCE);
    System.setProperty("syncplan.console.oidc-client-id", CLIENT);
    try {
      stack = StandaloneStack.start(TestSettings.onLoopback(work.resolve("data"), ADMIN_KEY));
    } finally {
      System.clearProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri");
      System.clearProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
      System.clearProperty("spring.security.oauth2.resourceserver.jwt.audiences");
      System.clearProperty("syncplan.console.oidc-client-id");
    }
    browser =
        Browser.start(work.resolve("chromium-profile"), Path.of("target/console-screenshots"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (stack != null) {
      stack.close();
    }
    if (issuer != null) {
      issuer.close();
    }
  }

  static String issuerUri() {
    return issuer.url("/realms/ops").toString().replaceAll("/$", "");
  }

  @Test
  void aPersonSignsInAtTheIssuerWithPkceAndGetsTheRoleItsTokenNames() {
    browser.driver.get(stack.apiUrl() + "/");
    browser.find(By.xpath("//button[starts-with(normalize-space(), 'Sign in with ')]")).click();

    // the issuer sent the browser back with a code, which the console traded for a token
    browser.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("nav[aria-label=Main]")));
    assertThat(browser.find(By.cssSelector(".who .role")).getText())
        .isEqualTo("jwt:alice · operator");
    assertThat(browser.driver.findElements(By.linkText("API keys"))).isEmpty();
    assertThat(browser.driver.getCurrentUrl()).doesNotContain("code=");
    assertThat(verifierSeen.get()).isNotBlank();
    assertThat(browser.script("return document.cookie")).isEqualTo("");
    assertThat(browser.script("return window.localStorage.length")).isEqualTo(0L);
  }

  /** A minimal OpenID provider: discovery, authorize (always consents), token with PKCE, keys. */
  static final class Issuer extends Dispatcher {

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getUrl().encodedPath();
      if (path.endsWith("/.well-known/openid-configuration")) {
        return json(
            """
            {"issuer":"%s","authorization_endpoint":"%s/authorize","token_endpoint":"%s/token",
             "jwks_uri":"%s","response_types_supported":["code"],
             "code_challenge_methods_supported":["S256"]}
            """
                .formatted(issuerUri(), issuerUri(), issuerUri(), issuer.url("/jwks")));
      }
      if (path.endsWith("/authorize")) {
        Map<String, String> query = new HashMap<>();
        for (String name : request.getUrl().queryParameterNames()) {
          query.put(name, request.getUrl().queryParameter(name));
        }
        if (!CLIENT.equals(query.get("client_id"))
            || !"S256".equals(query.get("code_challenge_method"))
            || !"code".equals(query.get("response_type"))) {
          return new MockResponse.Builder().code(400).body("bad authorization request").build();
        }
        String code = UUID.randomUUID().toString();
        challenges.put(code, query.get("code_challenge"));
        URI back =
            URI.create(
                query.get("redirect_uri") + "?code=" + code + "&state=" + query.get("state"));
        return new MockResponse.Builder().code(302).addHeader("Location", back.toString()).build();
      }
      if (path.endsWith("/token")) {
        Map<String, String> form = new HashMap<>();
        for (String pair : request.getBody().utf8().split("&")) {
          String[] kv = pair.split("=", 2);
          form.put(
              URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
              URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        String challenge = challenges.remove(form.get("code"));
        if (challenge == null || !challenge.equals(s256(form.get("code_verifier")))) {
          return cors(new MockResponse.Builder().code(400).body("{\"error\":\"invalid_grant\"}"));
        }
        verifierSeen.set(form.get("code_verifier"));
        return json(
            "{\"access_token\":\"%s\",\"token_type\":\"Bearer\",\"expires_in\":300}"
                .formatted(token()));
      }
      if (path.equals("/jwks")) {
        return json(new JWKSet(KEY.toPublicJWK()).toString());
      }
      return new MockResponse.Builder().code(404).build();
    }

    private static MockResponse json(String body) {
      return cors(
          new MockResponse.Builder()
              .code(200)
              .addHeader("Content-Type", "application/json")
              .body(body));
    }

    private static MockResponse cors(MockResponse.Builder builder) {
      return builder.addHeader("Access-Control-Allow-Origin", "*").build();
    }

    private static String s256(String verifier) {
      try {
        byte[] digest =
            MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    private static String token() {
      try {
        SignedJWT jwt =
            new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(),
                new JWTClaimsSet.Builder()
                    .issuer(issuerUri())
                    .subject("alice")
                    .audience(AUDIENCE)
                    .claim("https://syncplan.dev/roles", List.of("operator"))
                    .issueTime(new Date())
                    .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                    .build());
        jwt.sign(new RSASSASigner(KEY));
        return jwt.serialize();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
