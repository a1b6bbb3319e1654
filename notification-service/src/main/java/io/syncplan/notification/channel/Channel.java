package io.syncplan.notification.channel;

/**
 * Somewhere a notification goes: an email address or a webhook. Its {@link #id()} names it in the
 * delivery log, in events and in logs, and never contains a secret.
 */
public sealed interface Channel permits EmailChannel, WebhookChannel {

  /** {@code email:<address>} or {@code webhook:<host>#<hash of the URL>}. */
  String id();
}
