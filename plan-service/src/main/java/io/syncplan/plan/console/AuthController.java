package io.syncplan.plan.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.syncplan.plan.security.Caller;
import io.syncplan.plan.security.Role;
import java.security.Principal;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** How to sign in, and who the caller is: what a client needs to show only what it may do. */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Authentication")
class AuthController {

  /**
   * How a client signs in.
   *
   * @param apiKeys always true: an API key as bearer token
   * @param oidc OpenID Connect with the authorization code flow and PKCE, or null when not set up
   */
  record SignInConfig(boolean apiKeys, Oidc oidc) {}

  /** The issuer, the client id registered for the console there, and the scopes to ask for. */
  record Oidc(String issuer, String clientId, String scopes) {}

  /**
   * The caller.
   *
   * @param name {@code key:<name>} for an API key, {@code jwt:<subject>} for a token
   * @param role the highest role the caller holds
   */
  record Me(String name, Role role) {}

  private final ConsoleProperties properties;
  private final ConsolePolicy policy;

  AuthController(ConsoleProperties properties, ConsolePolicy policy) {
    this.properties = properties;
    this.policy = policy;
  }

  @GetMapping("/config")
  @Operation(
      summary = "How to sign in (no token needed)",
      description =
          "API keys always; OpenID Connect (authorization code with PKCE) when a JWT issuer and"
              + " syncplan.console.oidc-client-id are configured.")
  Mono<SignInConfig> config() {
    Oidc oidc =
        policy.issuer() == null || properties.oidcClientId() == null
            ? null
            : new Oidc(policy.issuer(), properties.oidcClientId(), properties.oidcScopes());
    return Mono.just(new SignInConfig(true, oidc));
  }

  @GetMapping("/me")
  @Operation(summary = "Who the bearer token belongs to, and its role")
  Mono<Me> me(Mono<Principal> principal) {
    return principal.map(AuthController::me);
  }

  private static Me me(Principal principal) {
    // every authenticated caller of the API is a Caller (API key or JWT, see security)
    Caller caller = (Caller) ((Authentication) principal).getPrincipal();
    return new Me(caller.name(), caller.role());
  }
}
