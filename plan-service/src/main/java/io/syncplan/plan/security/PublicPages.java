package io.syncplan.plan.security;

/**
 * Pages anyone may load without a token, and the Content-Security-Policy they are served under: the
 * web console's (its static files and sign-in configuration hold no data and no secret).
 */
public interface PublicPages {

  /** Paths served to GET requests without a token. */
  String[] publicPaths();

  /** The Content-Security-Policy header of every answer. */
  String contentSecurityPolicy();
}
