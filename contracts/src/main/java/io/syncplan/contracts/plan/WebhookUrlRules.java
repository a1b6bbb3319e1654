package io.syncplan.contracts.plan;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The form a webhook URL must have for its {@link WebhookFormat}: plan-service refuses a URL of the
 * wrong form when a plan is saved, and notification-service reads the parts it needs (a Telegram
 * chat, where a ping goes) by the same rules. Every format takes an absolute http or https URL with
 * a host; the chat and ping formats also need the parts their receivers expect.
 */
public final class WebhookUrlRules {

  /** The header a Gotify server also takes its application token from. */
  public static final String GOTIFY_TOKEN_HEADER = "X-Gotify-Key";

  private static final Pattern TELEGRAM_PATH =
      Pattern.compile("(?:/[^/]+)*/bot[0-9]{1,20}:[A-Za-z0-9_-]{20,100}/sendMessage");
  private static final Pattern TELEGRAM_CHAT = Pattern.compile("-?[0-9]{1,20}|@[A-Za-z0-9_]{4,64}");
  private static final Pattern TEAMS_PATH =
      Pattern.compile("(?:/[^/]+)*/workflows/[^/]+/triggers/[^/]+/paths/invoke");
  private static final Pattern PING_SIGNAL = Pattern.compile(".*/(start|fail|log|[0-9]{1,3})/?");
  private static final Pattern KUMA_PATH = Pattern.compile("(?:/[^/]+)*/api/push/[^/]+");

  private WebhookUrlRules() {}

  /** What is wrong with {@code url} for {@code format}; empty when it fits. */
  public static Optional<String> problem(
      WebhookFormat format, String url, Set<String> headerNames) {
    URI uri = httpUri(url).orElse(null);
    if (uri == null) {
      return Optional.of("must be an http or https URL");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return Optional.ofNullable(
        switch (format) {
          case JSON, SLACK, DISCORD, NTFY -> null;
          case GOTIFY -> gotifyProblem(uri, path, headerNames);
          case TELEGRAM -> telegramProblem(uri, path);
          case TEAMS -> teamsProblem(uri, path);
          case HEALTHCHECKS -> pingProblem(path);
        });
  }

  private static String gotifyProblem(URI uri, String path, Set<String> headerNames) {
    if (!path.endsWith("/message")) {
      return "must be a Gotify server's /message endpoint, for example"
          + " https://gotify.example.com/message?token=<application token>";
    }
    boolean tokenHeader =
        headerNames.stream().anyMatch(name -> name.equalsIgnoreCase(GOTIFY_TOKEN_HEADER));
    if (query(uri, "token").isEmpty() && !tokenHeader) {
      return "must carry the Gotify application token, as ?token=<token> or in an "
          + GOTIFY_TOKEN_HEADER
          + " header";
    }
    return null;
  }

  private static String telegramProblem(URI uri, String path) {
    if (!TELEGRAM_PATH.matcher(path).matches() || telegramChat(uri).isEmpty()) {
      return "must be the Telegram Bot API's sendMessage with the chat, for example"
          + " https://api.telegram.org/bot<token>/sendMessage?chat_id=<chat id or @channel>";
    }
    return null;
  }

  private static String teamsProblem(URI uri, String path) {
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (host.endsWith(".webhook.office.com") || host.equals("outlook.office.com")) {
      return "is an Office 365 connector URL, which Microsoft retired; create a Workflows webhook"
          + " (\"Post to a channel when a webhook request is received\") and use its URL";
    }
    if (!TEAMS_PATH.matcher(path).matches() || query(uri, "sig").isEmpty()) {
      return "must be a Teams Workflows webhook URL, ending in"
          + " /workflows/<id>/triggers/manual/paths/invoke?...&sig=<signature>";
    }
    return null;
  }

  private static String pingProblem(String path) {
    if (path.isEmpty() || path.equals("/")) {
      return "must name the check, for example https://hc-ping.com/<uuid> or"
          + " https://kuma.example.com/api/push/<token>";
    }
    if (PING_SIGNAL.matcher(path).matches()) {
      return "must be the check's ping URL itself: syncplan adds /start and /fail";
    }
    return null;
  }

  /** The chat a Telegram URL sends to ({@code chat_id}), if it names a valid one. */
  public static Optional<String> telegramChat(URI uri) {
    return query(uri, "chat_id").filter(chat -> TELEGRAM_CHAT.matcher(chat).matches());
  }

  /** Whether a ping URL is an Uptime Kuma push URL ({@code /api/push/<token>}). */
  public static boolean isKumaPush(URI uri) {
    return uri.getRawPath() != null && KUMA_PATH.matcher(uri.getRawPath()).matches();
  }

  /** The decoded value of a query parameter, if the URL has it with a value. */
  public static Optional<String> query(URI uri, String name) {
    String query = uri.getRawQuery();
    if (query == null) {
      return Optional.empty();
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && pair.substring(0, equals).equals(name) && equals < pair.length() - 1) {
        try {
          return Optional.of(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** The URL as an absolute http or https URI with a host, or empty. */
  public static Optional<URI> httpUri(String url) {
    if (url == null) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        return Optional.empty();
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
