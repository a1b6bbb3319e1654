package io.syncplan.plan.console;

import io.syncplan.plan.security.PublicPages;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the console needs from the security set-up: the paths anyone may load (the static pages and
 * the sign-in configuration; they hold no data and no secret) and the Content-Security-Policy that
 * keeps every page to its own origin's scripts and styles, with no inline script or style and no
 * framing.
 */
@Component
class ConsolePolicy implements PublicPages {

  /** Paths served without a token. */
  private static final String[] PUBLIC_PATHS = {
    "/", "/index.html", "/favicon.ico", "/assets/**", "/webjars/uplot/**", "/api/v1/auth/config"
  };

  private final String issuer;

  ConsolePolicy(
      ConsoleProperties properties,
      @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String jwtIssuer) {
    this.issuer =
        properties.oidcIssuer() != null ? properties.oidcIssuer() : blankToNull(jwtIssuer);
  }

  @Override
  public String[] publicPaths() {
    return PUBLIC_PATHS.clone();
  }

  /** The issuer people sign in at with OpenID Connect, or null when there is none. */
  String issuer() {
    return issuer;
  }

  /** The policy; the issuer's origin may be fetched from (discovery and the token endpoint). */
  @Override
  public String contentSecurityPolicy() {
    String connect = "'self'";
    String origin = origin(issuer);
    if (origin != null) {
      connect += " " + origin;
    }
    return String.join(
        "; ",
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src " + connect,
        "manifest-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'");
  }

  private static String origin(String uri) {
    if (uri == null) {
      return null;
    }
    try {
      URI parsed = URI.create(uri);
      if (parsed.getScheme() == null || parsed.getHost() == null) {
        return null;
      }
      String scheme = parsed.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http")) {
        return null;
      }
      return scheme
          + "://"
          + parsed.getHost()
          + (parsed.getPort() < 0 ? "" : ":" + parsed.getPort());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
