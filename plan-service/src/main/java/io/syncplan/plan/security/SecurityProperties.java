package io.syncplan.plan.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the API, and how much.
 *
 * @param bootstrapApiKey an admin API key to accept on a fresh installation ({@code
 *     SYNCPLAN_BOOTSTRAP_API_KEY}): it is stored only while no admin key exists, so a bootstrap key
 *     revoked through the API stays revoked across restarts. At least 32 characters and not
 *     predictable ({@code openssl rand -hex 24}). When unset and no admin key exists, one is
 *     generated
 * @param apiKeyPepper the server-side secret API keys are hashed with (HMAC-SHA256), at least 32
 *     characters ({@code SYNCPLAN_API_KEY_PEPPER}, {@code openssl rand -base64 32}); keep it in a
 *     Secret beside {@code SYNCPLAN_SECRETS_KEY}. Changing it invalidates every API key
 * @param generatedKeyFile where a generated admin key is written (created with mode 0600); without
 *     it, a generated key is shown only on a terminal, and none is generated without one
 * @param keyCacheTtl how long a checked API key is trusted without looking at the store again: a
 *     deleted key stops working on other instances within this time (at once on the instance that
 *     deleted it)
 * @param jwtRolesClaim the claim of a JWT bearer token that names the caller's syncplan roles
 *     (viewer, operator, admin), as a string or a list. Namespaced by default, so that the generic
 *     roles an identity provider hands out for other applications grant nothing here. JWTs also
 *     need {@code spring.security.oauth2.resourceserver.jwt.audiences}
 * @param publicDocs serve the OpenAPI description and Swagger UI without authentication
 * @param rateLimit how many requests each caller (API key or token subject) may make
 * @param maxLiveStreams how many live run streams (Server-Sent Events) each caller may hold open at
 *     once, on each instance
 */
@ConfigurationProperties("syncplan.security")
public record SecurityProperties(
    String bootstrapApiKey,
    String apiKeyPepper,
    Path generatedKeyFile,
    @DefaultValue("10s") Duration keyCacheTtl,
    @DefaultValue("https://syncplan.dev/roles") String jwtRolesClaim,
    @DefaultValue("false") boolean publicDocs,
    @DefaultValue RateLimit rateLimit,
    @DefaultValue("5") int maxLiveStreams) {

  public SecurityProperties {
    if (bootstrapApiKey != null && bootstrapApiKey.isBlank()) {
      bootstrapApiKey = null;
    }
    if (bootstrapApiKey != null) {
      bootstrapApiKey = bootstrapApiKey.strip();
      KeyStrength.weakness(bootstrapApiKey)
          .ifPresent(
              weakness -> {
                throw new IllegalArgumentException(
                    "SYNCPLAN_BOOTSTRAP_API_KEY "
                        + weakness
                        + ": generate one with 'openssl rand -hex 24'");
              });
    }
    if (apiKeyPepper == null
        || apiKeyPepper.isBlank()
        || apiKeyPepper.strip().getBytes(StandardCharsets.UTF_8).length < 32) {
      throw new IllegalArgumentException(
          "syncplan.security.api-key-pepper (SYNCPLAN_API_KEY_PEPPER) must be set to at least 32"
              + " random characters: API keys are stored as HMAC-SHA256 under it. Generate it with"
              + " 'openssl rand -base64 32' and keep it in a Secret");
    }
    if (keyCacheTtl == null || keyCacheTtl.isNegative()) {
      throw new IllegalArgumentException("syncplan.security.key-cache-ttl must not be negative");
    }
    if (jwtRolesClaim == null || jwtRolesClaim.isBlank()) {
      throw new IllegalArgumentException("syncplan.security.jwt-roles-claim must not be empty");
    }
    if (maxLiveStreams < 1) {
      throw new IllegalArgumentException("syncplan.security.max-live-streams must be at least 1");
    }
  }

  /**
   * @param requests how many requests a caller may make per {@code period}; one more is answered
   *     429 with {@code Retry-After}
   * @param period the window {@code requests} counts in
   */
  public record RateLimit(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("100") int requests,
      @DefaultValue("1s") Duration period) {

    public RateLimit {
      if (requests < 1) {
        throw new IllegalArgumentException(
            "syncplan.security.rate-limit.requests must be at least 1");
      }
      if (period == null || period.isZero() || period.isNegative()) {
        throw new IllegalArgumentException(
            "syncplan.security.rate-limit.period must be a positive duration");
      }
    }
  }

  @Override
  public String toString() {
    return "SecurityProperties[keyCacheTtl="
        + keyCacheTtl
        + ", jwtRolesClaim="
        + jwtRolesClaim
        + ", rateLimit="
        + rateLimit
        + "]";
  }
}
