package io.syncplan.notification.webhook;

import io.syncplan.contracts.plan.WebhookUrlRules;
import io.syncplan.notification.content.Notification;
import io.syncplan.notification.content.NotificationTemplates;
import io.syncplan.notification.rule.Occasion;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The bodies of the messaging apps' own APIs: a Gotify message, a Telegram {@code sendMessage} and
 * a Teams Workflows webhook with an Adaptive Card. Texts come from {@code templates/chat}, sent as
 * plain text so that a plan name never turns into markup.
 */
@Component
class AppMessages {

  /** Telegram refuses a message longer than this. */
  private static final int TELEGRAM_MAX_TEXT = 4096;

  private final NotificationTemplates templates;

  AppMessages(NotificationTemplates templates) {
    this.templates = templates;
  }

  /** Gotify's {@code POST /message}: title, message, priority and a click-through link. */
  Map<String, Object> gotify(Notification notification) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", title(notification));
    body.put("message", templates.render("chat/message.txt", notification));
    body.put("priority", gotifyPriority(notification.occasion()));
    Map<String, Object> extras = new LinkedHashMap<>();
    extras.put("client::display", Map.of("contentType", "text/plain"));
    if (notification.runUrl() != null) {
      extras.put("client::notification", Map.of("click", Map.of("url", notification.runUrl())));
    }
    body.put("extras", extras);
    return body;
  }

  /** The Bot API's {@code sendMessage} to the chat the URL names, without link previews. */
  Map<String, Object> telegram(Notification notification, URI uri) {
    String text = templates.render("chat/message.txt", notification);
    if (notification.runUrl() != null) {
      text += "\n" + notification.runUrl();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    // plan-service accepted the URL only with a valid chat_id
    body.put("chat_id", WebhookUrlRules.telegramChat(uri).orElse(null));
    body.put(
        "text",
        text.length() > TELEGRAM_MAX_TEXT
            ? text.substring(0, TELEGRAM_MAX_TEXT - 3) + "..."
            : text);
    body.put("link_preview_options", Map.of("is_disabled", true));
    return body;
  }

  /**
   * What a Teams Workflows webhook ("Post to a channel when a webhook request is received") takes:
   * a message with one Adaptive Card attachment.
   */
  Map<String, Object> teams(Notification notification) {
    List<Object> blocks = new ArrayList<>();
    blocks.add(
        Map.of(
            "type",
            "TextBlock",
            "text",
            title(notification),
            "weight",
            "Bolder",
            "size",
            "Medium",
            "color",
            teamsColor(notification.occasion()),
            "wrap",
            true));
    blocks.add(
        Map.of(
            "type",
            "TextBlock",
            "text",
            templates.render("chat/message.txt", notification),
            "wrap",
            true));
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("type", "AdaptiveCard");
    card.put("version", "1.4");
    card.put("body", blocks);
    if (notification.runUrl() != null) {
      card.put(
          "actions",
          List.of(
              Map.of(
                  "type",
                  "Action.OpenUrl",
                  "title",
                  "Open the run",
                  "url",
                  notification.runUrl())));
    }
    Map<String, Object> attachment = new LinkedHashMap<>();
    attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
    attachment.put("content", card);
    return Map.of("type", "message", "attachments", List.of(attachment));
  }

  private String title(Notification notification) {
    return templates.render("chat/title.txt", notification).strip();
  }

  private static int gotifyPriority(Occasion occasion) {
    return switch (occasion) {
      case FAILED, NEEDS_RESYNC, PAUSED, VERIFY_FAILED -> 8;
      case PARTIAL, RETRYING, CANCELLED -> 5;
      case SUCCEEDED, STARTED, TEST -> 2;
    };
  }

  private static String teamsColor(Occasion occasion) {
    return switch (occasion) {
      case FAILED, NEEDS_RESYNC, PAUSED, VERIFY_FAILED -> "Attention";
      case PARTIAL, RETRYING, CANCELLED -> "Warning";
      case SUCCEEDED -> "Good";
      case STARTED, TEST -> "Default";
    };
  }
}
