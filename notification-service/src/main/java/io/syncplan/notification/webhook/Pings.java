package io.syncplan.notification.webhook;

import io.syncplan.contracts.plan.WebhookUrlRules;
import io.syncplan.notification.content.Notification;
import io.syncplan.notification.rule.Occasion;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpMethod;

/**
 * Healthchecks-style pings. healthchecks.io (and its self-hosted servers) take a POST to the
 * check's URL for a success, {@code /start} when a run starts, {@code /fail} for a failure and
 * {@code /log} for a message that changes nothing, each with {@code rid} so that the server pairs a
 * start with its end and shows the duration; the text is the ping's body, shown with it. An Uptime
 * Kuma push URL ({@code /api/push/<token>}) takes a GET with {@code status=up|down} and {@code msg}
 * instead, and has no start: a start or a test says up.
 */
final class Pings {

  /** Kuma shows at most this much of a message; a query string must stay short anyway. */
  private static final int KUMA_MAX_MESSAGE = 200;

  private Pings() {}

  static WebhookRequest ping(URI uri, Notification notification, String text) {
    if (WebhookUrlRules.isKumaPush(uri)) {
      return kuma(uri, notification, text);
    }
    String base = uri.getRawPath().replaceAll("/+$", "");
    String path = base + signal(notification.occasion());
    List<String> query = keptQuery(uri, List.of("rid"));
    if (notification.runId() != null) {
      query.add(
          "rid=" + UUID.nameUUIDFromBytes(notification.runId().getBytes(StandardCharsets.UTF_8)));
    }
    return WebhookRequest.post(
        with(uri, path, query),
        text.getBytes(StandardCharsets.UTF_8),
        "text/plain; charset=utf-8",
        Map.of());
  }

  /** The path a healthchecks.io check is pinged at for the occasion, after its own URL. */
  static String signal(Occasion occasion) {
    return switch (occasion) {
      case STARTED -> "/start";
      case SUCCEEDED -> "";
      case FAILED, PARTIAL, CANCELLED, NEEDS_RESYNC, PAUSED, VERIFY_FAILED -> "/fail";
      case RETRYING, TEST -> "/log";
    };
  }

  private static WebhookRequest kuma(URI uri, Notification notification, String text) {
    boolean up =
        switch (notification.occasion()) {
          case STARTED, SUCCEEDED, TEST -> true;
          case FAILED, PARTIAL, CANCELLED, NEEDS_RESYNC, PAUSED, VERIFY_FAILED, RETRYING -> false;
        };
    String message = text.strip().replaceAll("\\s+", " ");
    if (message.length() > KUMA_MAX_MESSAGE) {
      message = message.substring(0, KUMA_MAX_MESSAGE - 3) + "...";
    }
    // The URL Kuma shows has ?status=up&msg=OK&ping= in it: those are replaced.
    List<String> query = keptQuery(uri, List.of("status", "msg", "ping"));
    query.add("status=" + (up ? "up" : "down"));
    query.add("msg=" + URLEncoder.encode(message, StandardCharsets.UTF_8).replace("+", "%20"));
    return new WebhookRequest(
        HttpMethod.GET, with(uri, uri.getRawPath(), query), new byte[0], "text/plain", Map.of());
  }

  private static List<String> keptQuery(URI uri, List<String> replaced) {
    List<String> kept = new ArrayList<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
        if (!pair.isEmpty() && !replaced.contains(name)) {
          kept.add(pair);
        }
      }
    }
    return kept;
  }

  private static URI with(URI uri, String rawPath, List<String> query) {
    String authority = uri.getRawAuthority();
    return URI.create(
        uri.getScheme()
            + "://"
            + authority
            + rawPath
            + (query.isEmpty() ? "" : "?" + String.join("&", query)));
  }
}
