package io.syncplan.notification.channel;

import io.syncplan.contracts.plan.WebhookTarget;

/** Names for channels that are safe to log and publish. */
public final class ChannelIds {

  private ChannelIds() {}

  /**
   * {@code webhook:<host[:port]>#<fingerprint>}: tells two webhooks on one host apart without
   * revealing a path or query that may hold a token (see {@link WebhookTarget#fingerprintOf}).
   */
  public static String webhook(String url) {
    return webhook(WebhookTarget.hostOf(url), WebhookTarget.fingerprintOf(url));
  }

  public static String webhook(String host, String fingerprint) {
    return "webhook:" + host + "#" + fingerprint;
  }
}
