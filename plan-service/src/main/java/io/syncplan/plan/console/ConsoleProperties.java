package io.syncplan.plan.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the web console signs people in. API keys always work; OpenID Connect is offered when a JWT
 * issuer is configured and the console has a client id registered there.
 *
 * @param oidcClientId the console's client id at the issuer: a public client that allows the
 *     authorization code flow with PKCE and the console's address ({@code https://host/}) as
 *     redirect URI; without it the console offers API keys only
 * @param oidcScopes the scopes the console asks for
 * @param oidcIssuer the issuer the console signs in at; the API's JWT issuer ({@code
 *     spring.security.oauth2.resourceserver.jwt.issuer-uri}) when unset
 */
@ConfigurationProperties("syncplan.console")
public record ConsoleProperties(
    String oidcClientId, @DefaultValue("openid") String oidcScopes, String oidcIssuer) {

  public ConsoleProperties {
    oidcClientId = blankToNull(oidcClientId);
    oidcIssuer = blankToNull(oidcIssuer);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
