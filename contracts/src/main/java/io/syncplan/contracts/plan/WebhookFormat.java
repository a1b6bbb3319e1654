package io.syncplan.contracts.plan;

/** The body a webhook receives. */
public enum WebhookFormat {
  /** syncplan's own documented, versioned JSON payload. */
  JSON,
  SLACK,
  DISCORD,
  NTFY,
  /** A Gotify server's {@code /message} endpoint. */
  GOTIFY,
  /** The Telegram Bot API's {@code sendMessage}, the chat named in the URL. */
  TELEGRAM,
  /** A Microsoft Teams Workflows webhook, which posts an Adaptive Card. */
  TEAMS,
  /**
   * Pings in the healthchecks.io convention: a start ping, then success or {@code /fail}; an Uptime
   * Kuma push URL gets {@code status=up} or {@code status=down}.
   */
  HEALTHCHECKS
}
