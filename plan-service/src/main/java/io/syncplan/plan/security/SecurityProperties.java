package io.syncplan.plan.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the API.
 *
 * @param bootstrapApiKey an admin API key to accept from the start ({@code
 *     SYNCPLAN_BOOTSTRAP_API_KEY}); when unset and no admin key exists yet, one is generated and
 *     printed once
 * @param keyCacheTtl how long a checked API key is trusted without looking at the store again: a
 *     deleted key stops working on other instances within this time (at once on the instance that
 *     deleted it)
 * @param jwtRolesClaim the claim of a JWT bearer token that names the caller's roles (viewer,
 *     operator, admin), as a string or a list
 * @param publicDocs serve the OpenAPI description and Swagger UI without authentication
 */
@ConfigurationProperties("syncplan.security")
public record SecurityProperties(
    String bootstrapApiKey,
    @DefaultValue("10s") Duration keyCacheTtl,
    @DefaultValue("roles") String jwtRolesClaim,
    @DefaultValue("false") boolean publicDocs) {

  public SecurityProperties {
    if (bootstrapApiKey != null && bootstrapApiKey.isBlank()) {
      bootstrapApiKey = null;
    }
    if (bootstrapApiKey != null && bootstrapApiKey.strip().length() < 20) {
      throw new IllegalArgumentException(
          "SYNCPLAN_BOOTSTRAP_API_KEY must be at least 20 characters; generate one with"
              + " 'openssl rand -base64 32'");
    }
    if (keyCacheTtl == null || keyCacheTtl.isNegative()) {
      throw new IllegalArgumentException("syncplan.security.key-cache-ttl must not be negative");
    }
  }
}
