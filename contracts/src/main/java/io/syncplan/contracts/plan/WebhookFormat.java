package io.syncplan.contracts.plan;

/** The body a webhook receives. */
public enum WebhookFormat {
  /** syncplan's own documented, versioned JSON payload. */
  JSON,
  SLACK,
  DISCORD,
  NTFY
}
