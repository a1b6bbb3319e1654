package io.syncplan.notification.webhook;

import java.util.Map;

/**
 * The exact bytes a webhook is sent, the ones its signature covers, with the headers that belong to
 * the format (ntfy takes its title and link as headers).
 */
record WebhookRequest(byte[] body, String contentType, Map<String, String> formatHeaders) {}
