package io.syncplan.notification.webhook;

import io.syncplan.contracts.plan.WebhookFormat;
import io.syncplan.notification.content.Notification;
import io.syncplan.notification.content.NotificationTemplates;
import io.syncplan.notification.rule.Occasion;
import io.syncplan.support.webhook.WebhookPayload;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The request a webhook gets in each format: syncplan's own JSON, a message ready for a Slack or
 * Discord incoming webhook, an ntfy topic, Gotify, Telegram or Teams ({@link AppMessages}), or a
 * healthchecks-style ping ({@link Pings}). Chat texts come from {@code templates/chat}.
 */
@Component
class WebhookBodies {

  private static final String JSON = "application/json";

  private final NotificationTemplates templates;
  private final AppMessages apps;

  WebhookBodies(NotificationTemplates templates, AppMessages apps) {
    this.templates = templates;
    this.apps = apps;
  }

  /** The request for a webhook of this format at {@code uri} (its opened URL). */
  WebhookRequest render(WebhookFormat format, Notification notification, URI uri) {
    return switch (format) {
      case JSON -> jsonBody(uri, payload(notification), Map.of());
      case SLACK -> slack(uri, notification);
      case DISCORD -> discord(uri, notification);
      case NTFY -> ntfy(uri, notification);
      case GOTIFY -> jsonBody(uri, apps.gotify(notification), Map.of());
      case TELEGRAM -> jsonBody(uri, apps.telegram(notification, uri), Map.of());
      case TEAMS -> jsonBody(uri, apps.teams(notification), Map.of());
      case HEALTHCHECKS ->
          Pings.ping(uri, notification, templates.render("chat/message.txt", notification));
    };
  }

  private WebhookRequest slack(URI uri, Notification notification) {
    String text = slackEscape(templates.render("chat/message.txt", notification));
    if (notification.runUrl() != null) {
      text += "\n<" + notification.runUrl() + "|Open the run>";
    }
    return jsonBody(uri, Map.of("text", text), Map.of());
  }

  private WebhookRequest discord(URI uri, Notification notification) {
    String text = templates.render("chat/message.txt", notification);
    if (notification.runUrl() != null) {
      text += "\n[Open the run](<" + notification.runUrl() + ">)";
    }
    Map<String, Object> body = new LinkedHashMap<>();
    // Discord caps content at 2000 characters.
    body.put("content", text.length() > 2000 ? text.substring(0, 1997) + "..." : text);
    // Plan names must not ping @everyone or a role.
    body.put("allowed_mentions", Map.of("parse", List.of()));
    return jsonBody(uri, body, Map.of());
  }

  private WebhookRequest ntfy(URI uri, Notification notification) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Title", headerSafe(templates.render("chat/title.txt", notification)));
    headers.put("Tags", tag(notification.occasion()));
    headers.put(
        "Priority",
        notification.occasion() == Occasion.FAILED
                || notification.occasion() == Occasion.NEEDS_RESYNC
                || notification.occasion() == Occasion.PAUSED
                || notification.occasion() == Occasion.VERIFY_FAILED
            ? "high"
            : "default");
    if (notification.runUrl() != null) {
      headers.put("Click", notification.runUrl());
    }
    byte[] text =
        templates.render("chat/message.txt", notification).getBytes(StandardCharsets.UTF_8);
    return WebhookRequest.post(uri, text, "text/plain; charset=utf-8", headers);
  }

  private WebhookRequest jsonBody(URI uri, Object body, Map<String, String> headers) {
    return WebhookRequest.post(uri, WebhookPayload.json(body), JSON, headers);
  }

  /** syncplan's own body ({@link WebhookPayload}), which HTTP hooks get too. */
  static WebhookPayload payload(Notification notification) {
    boolean test = notification.occasion() == Occasion.TEST;
    return new WebhookPayload(
        WebhookPayload.SCHEMA_VERSION,
        notification.eventId(),
        notification.eventType(),
        notification.occasion().name(),
        notification.occurredAt(),
        test,
        new WebhookPayload.Plan(
            notification.planId(),
            notification.planName(),
            notification.mode(),
            notification.source(),
            notification.destination()),
        test
            ? null
            : new WebhookPayload.Run(
                notification.runId(),
                notification.attempt(),
                notification.maxAttempts(),
                notification.dryRun(),
                notification.startedAt(),
                notification.finishedAt(),
                notification.duration() == null ? null : notification.duration().toMillis(),
                notification.nextAttemptAt(),
                notification.stats(),
                WebhookPayload.Error.of(notification.error()),
                notification.runUrl()));
  }

  /** Slack reads &lt;, &gt; and &amp; as markup; a plan name must show as it is. */
  private static String slackEscape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** ntfy decodes RFC 2047 for non-ASCII titles; plain ASCII passes as it is. */
  private static String headerSafe(String value) {
    String line = value.replaceAll("[\\r\\n]+", " ");
    boolean ascii = line.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    if (ascii) {
      return line;
    }
    return "=?UTF-8?B?"
        + java.util.Base64.getEncoder().encodeToString(line.getBytes(StandardCharsets.UTF_8))
        + "?=";
  }

  private static String tag(Occasion occasion) {
    return switch (occasion) {
      case SUCCEEDED -> "white_check_mark";
      case FAILED -> "x";
      case PARTIAL -> "warning";
      case CANCELLED -> "stop_button";
      case STARTED -> "arrow_forward";
      case RETRYING -> "repeat";
      case NEEDS_RESYNC -> "no_entry";
      case PAUSED -> "pause_button";
      case VERIFY_FAILED -> "mag";
      case TEST -> "bell";
    };
  }
}
