package io.syncplan.plan.security;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;

/**
 * Every {@code /api} endpoint needs a bearer token: an API key, or a JWT from the configured issuer
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}) for the
 * configured audience ({@code ...jwt.audiences}, required with JWTs). Health and metrics stay open
 * for probes; the API description only when {@code syncplan.security.public-docs} is set. The web
 * console's static pages load without a token (they hold no data), under a strict
 * Content-Security-Policy. Each caller's request rate and live streams are limited ({@link
 * CallerLimits}). Stateless: no session, no cookie, so no CSRF.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfig {

  /**
   * Operations an operator may call besides reading: running, pausing, cancelling, resyncing a
   * BISYNC plan (recovering it, not changing what it is), restoring and verifying (a restore into
   * the source also needs the admin role, checked where the target is known).
   */
  static final String[] OPERATOR_POSTS = {
    "/api/v1/plans/*/runs",
    "/api/v1/plans/*/dry-run",
    "/api/v1/plans/*/resync",
    "/api/v1/plans/*/restores",
    "/api/v1/plans/*/verify",
    "/api/v1/plans/*/cancel",
    "/api/v1/plans/*/pause",
    "/api/v1/plans/*/resume",
    "/api/v1/plans/*/revisions/cleanup",
    "/api/v1/plans/*/revisions/index",
    "/api/v1/plans/*/notifications/test",
    "/api/v1/runs/*/cancel",
    "/api/v1/storages/*/test"
  };

  static final String AUDIENCES = "spring.security.oauth2.resourceserver.jwt.audiences";

  static final String[] DOCS = {
    "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**"
  };

  /** The firewall's refusals answered as problems, like every other error. */
  @Bean
  ServerExchangeRejectedHandler problemRejectedHandler(ProblemResponses problems) {
    return problems.rejected();
  }

  @Bean
  SecurityWebFilterChain apiSecurity(
      ServerHttpSecurity http,
      ApiKeys keys,
      SecurityProperties properties,
      ProblemResponses problems,
      ObjectProvider<ReactiveJwtDecoder> jwtDecoder,
      Environment environment,
      PublicPages console) {
    ReactiveJwtDecoder decoder = jwtDecoder.getIfAvailable();
    JwtReactiveAuthenticationManager jwt = null;
    if (decoder != null) {
      requireAudience(environment);
      jwt = new JwtReactiveAuthenticationManager(decoder);
      jwt.setJwtAuthenticationConverter(new JwtRoles(properties.jwtRolesClaim()));
    }
    AuthenticationWebFilter bearer =
        new AuthenticationWebFilter(new BearerAuthenticationManager(keys, jwt));
    bearer.setServerAuthenticationConverter(new ServerBearerTokenAuthenticationConverter());
    bearer.setAuthenticationFailureHandler(problems.authenticationFailed());
    bearer.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());

    return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .requestCache(cache -> cache.disable())
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(
                        csp -> csp.policyDirectives(console.contentSecurityPolicy()))
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
        .addFilterAt(bearer, SecurityWebFiltersOrder.AUTHENTICATION)
        .addFilterAfter(
            new CallerLimits(properties, problems), SecurityWebFiltersOrder.AUTHENTICATION)
        .exceptionHandling(
            errors ->
                errors
                    .authenticationEntryPoint(problems.unauthorized())
                    .accessDeniedHandler(problems.forbidden()))
        .authorizeExchange(
            exchanges -> {
              exchanges
                  .pathMatchers(
                      "/actuator/health",
                      "/actuator/health/**",
                      "/actuator/prometheus",
                      "/actuator/info")
                  .permitAll()
                  .pathMatchers(HttpMethod.GET, console.publicPaths())
                  .permitAll();
              if (properties.publicDocs()) {
                exchanges.pathMatchers(DOCS).permitAll();
              } else {
                exchanges.pathMatchers(DOCS).authenticated();
              }
              exchanges
                  .pathMatchers("/api/v1/keys", "/api/v1/keys/**")
                  .hasRole("ADMIN")
                  .pathMatchers(HttpMethod.GET, "/api/**")
                  .hasRole("VIEWER")
                  .pathMatchers(HttpMethod.HEAD, "/api/**")
                  .hasRole("VIEWER")
                  .pathMatchers(HttpMethod.POST, "/api/v1/schedules/preview")
                  .hasRole("VIEWER")
                  .pathMatchers(HttpMethod.POST, OPERATOR_POSTS)
                  .hasRole("OPERATOR")
                  .pathMatchers("/api/**")
                  .hasRole("ADMIN")
                  .anyExchange()
                  .authenticated();
            })
        .build();
  }

  /**
   * A token meant for another application of the same identity provider must not open this API:
   * Spring checks the {@code aud} claim against the configured audiences, and there must be some.
   */
  private static void requireAudience(Environment environment) {
    List<String> audiences =
        Binder.get(environment)
            .bind(AUDIENCES, Bindable.listOf(String.class))
            .orElse(List.of())
            .stream()
            .filter(audience -> !audience.isBlank())
            .toList();
    if (audiences.isEmpty()) {
      throw new IllegalStateException(
          "JWT bearer tokens are configured but no audience is: set "
              + AUDIENCES
              + " (SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES) to the audience your"
              + " identity provider puts in tokens for syncplan");
    }
  }
}
