package io.syncplan.plan.security;

import io.syncplan.support.TransientFailures;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * Checks a bearer token: a JWT (three dot-separated parts) when a JWT issuer is configured, else an
 * API key.
 */
class BearerAuthenticationManager implements ReactiveAuthenticationManager {

  private final ApiKeys keys;
  private final ReactiveAuthenticationManager jwt;

  /**
   * @param jwt checks JWTs, or null when no issuer is configured
   */
  BearerAuthenticationManager(ApiKeys keys, ReactiveAuthenticationManager jwt) {
    this.keys = keys;
    this.jwt = jwt;
  }

  @Override
  public Mono<Authentication> authenticate(Authentication authentication) {
    String token = ((BearerTokenAuthenticationToken) authentication).getToken();
    if (jwt != null && looksLikeJwt(token)) {
      return jwt.authenticate(authentication);
    }
    return keys.authenticate(token)
        .switchIfEmpty(Mono.error(() -> new BadCredentialsException("Unknown or revoked API key")))
        // The key store does not answer: the key may well be good, so not a 401 (see
        // ProblemResponses.authenticationFailed).
        .onErrorMap(
            TransientFailures::isTransient,
            outage ->
                new AuthenticationServiceException("the API key store does not answer", outage));
  }

  private static boolean looksLikeJwt(String token) {
    return token.chars().filter(c -> c == '.').count() == 2;
  }
}
