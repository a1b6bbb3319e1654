package io.syncplan.notification.config;

import io.syncplan.contracts.plan.Outcome;
import io.syncplan.contracts.plan.WebhookFormat;
import io.syncplan.contracts.plan.WebhookUrlRules;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How notification-service tells people about runs.
 *
 * @param publicBaseUrl where users reach the plan API, for example {@code
 *     https://syncplan.example.com}; when set, every notification links to its run
 * @param timeZone the zone times are shown in, in emails and chat messages
 * @param maxEventAge run events older than this are not notified: a new deployment that reads the
 *     run history from its start, or one back from a long outage, does not flood inboxes
 * @param unknownPlanWait how long a run event whose plan is not known yet is retried before it is
 *     dead-lettered: it may overtake its plan's first plan event, or arrive while a new deployment
 *     still reads the plans
 * @param email how emails are written (the SMTP server itself is {@code spring.mail.*})
 * @param defaults channels every plan has on top of its own, for example an operations address
 * @param delivery how deliveries are attempted, retried and recovered
 */
@ConfigurationProperties("syncplan.notifications")
public record NotificationProperties(
    URI publicBaseUrl,
    @DefaultValue("UTC") ZoneId timeZone,
    @DefaultValue("24h") Duration maxEventAge,
    @DefaultValue("30s") Duration unknownPlanWait,
    @DefaultValue Email email,
    @DefaultValue Defaults defaults,
    @DefaultValue Delivery delivery) {

  public NotificationProperties {
    if (publicBaseUrl != null
        && !("http".equals(publicBaseUrl.getScheme())
            || "https".equals(publicBaseUrl.getScheme()))) {
      throw new IllegalArgumentException(
          "syncplan.notifications.public-base-url must be an http or https URL");
    }
    if (maxEventAge.isNegative() || maxEventAge.isZero()) {
      throw new IllegalArgumentException("syncplan.notifications.max-event-age must be positive");
    }
    if (delivery.retention().compareTo(maxEventAge) <= 0) {
      throw new IllegalArgumentException(
          "syncplan.notifications.delivery.retention must be longer than max-event-age: a claim"
              + " must outlive every redelivery of its event that could still be notified");
    }
  }

  /** The link to a run in the API, or null when no public base URL is configured. */
  public String runUrl(String runId) {
    if (publicBaseUrl == null || runId == null) {
      return null;
    }
    String base = publicBaseUrl.toString();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
        + "/api/v1/runs/"
        + runId;
  }

  /**
   * @param from the sender address of every email
   * @param logLines how many of the last rclone log lines a failure email shows
   */
  public record Email(
      @DefaultValue("syncplan@localhost") String from, @DefaultValue("20") int logLines) {

    public Email {
      if (logLines < 0) {
        throw new IllegalArgumentException("syncplan.notifications.email.log-lines must be >= 0");
      }
    }
  }

  /**
   * @param emails addresses told about every plan; with no {@code on}, failures only
   * @param webhooks webhooks told about every plan; with no {@code on}, every finished run
   */
  public record Defaults(List<DefaultEmail> emails, List<DefaultWebhook> webhooks) {

    public Defaults {
      emails = emails == null ? List.of() : List.copyOf(emails);
      webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    }
  }

  public record DefaultEmail(String address, Set<Outcome> on) {

    public DefaultEmail {
      if (address == null || address.isBlank()) {
        throw new IllegalArgumentException(
            "syncplan.notifications.defaults.emails[].address is required");
      }
      on = on == null ? Set.of() : Set.copyOf(on);
    }
  }

  /**
   * A webhook every plan has. Its URL and secret come from configuration (for example a Kubernetes
   * Secret mapped into the environment) and are never printed.
   *
   * @param secret signs each delivery ({@code X-Syncplan-Signature}); optional
   */
  public record DefaultWebhook(
      String url,
      Set<Outcome> on,
      WebhookFormat format,
      Map<String, String> headers,
      String secret) {

    public DefaultWebhook {
      if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
        throw new IllegalArgumentException(
            "syncplan.notifications.defaults.webhooks[].url must be an http or https URL");
      }
      on = on == null ? Set.of() : Set.copyOf(on);
      format = format == null ? WebhookFormat.JSON : format;
      headers = headers == null ? Map.of() : Map.copyOf(headers);
      // the URL is a credential: the message names what is wrong, never the URL
      WebhookUrlRules.problem(format, url, headers.keySet())
          .ifPresent(
              problem -> {
                throw new IllegalArgumentException(
                    "syncplan.notifications.defaults.webhooks[].url " + problem);
              });
    }

    @Override
    public String toString() {
      return "DefaultWebhook[url=***, on=" + on + ", format=" + format + ", secret=***]";
    }
  }

  /**
   * @param maxAttempts attempts per delivery, the first included, before it is recorded FAILED and
   *     dead-lettered
   * @param initialBackoff the wait before the second attempt; each later wait is {@code multiplier}
   *     times longer, with some jitter, up to {@code maxBackoff}
   * @param maxRetryAfter the longest {@code Retry-After} of a receiver that is honoured; a longer
   *     one is cut to this
   * @param timeout how long one attempt may take, connecting included
   * @param lease how long a delivery stays with the instance that holds it past its next attempt;
   *     when that instance is gone, another takes the delivery over after this
   * @param sweepInterval how often each instance looks for deliveries whose holder is gone
   * @param deadLetterTopic where a delivery that failed for good is published, as a
   *     notification.delivery-updated event with status FAILED
   * @param retention how long a settled delivery (DELIVERED or FAILED) stays in the delivery log
   *     after its last change; longer than {@code max-event-age}, since its claim is what keeps a
   *     redelivered event from being sent again
   * @param pruneInterval how often each instance removes settled deliveries older than that
   */
  public record Delivery(
      @DefaultValue("8") int maxAttempts,
      @DefaultValue("1s") Duration initialBackoff,
      @DefaultValue("2.0") double multiplier,
      @DefaultValue("5m") Duration maxBackoff,
      @DefaultValue("1h") Duration maxRetryAfter,
      @DefaultValue("10s") Duration timeout,
      @DefaultValue("30s") Duration lease,
      @DefaultValue("5s") Duration sweepInterval,
      @DefaultValue("syncplan.notification-deliveries.dlt") String deadLetterTopic,
      @DefaultValue("30d") Duration retention,
      @DefaultValue("1h") Duration pruneInterval) {

    public Delivery {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException(
            "syncplan.notifications.delivery.max-attempts must be at least 1");
      }
      if (multiplier < 1.0) {
        throw new IllegalArgumentException(
            "syncplan.notifications.delivery.multiplier must be at least 1.0");
      }
      requirePositive(initialBackoff, "initial-backoff");
      requirePositive(timeout, "timeout");
      requirePositive(sweepInterval, "sweep-interval");
      requirePositive(retention, "retention");
      requirePositive(pruneInterval, "prune-interval");
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException(
            "syncplan.notifications.delivery.max-backoff must not be shorter than initial-backoff");
      }
      if (lease.compareTo(timeout.multipliedBy(2)) < 0) {
        throw new IllegalArgumentException(
            "syncplan.notifications.delivery.lease must be at least twice the timeout, so that an"
                + " attempt in flight is never taken for an abandoned one");
      }
      if (deadLetterTopic == null || deadLetterTopic.isBlank()) {
        throw new IllegalArgumentException(
            "syncplan.notifications.delivery.dead-letter-topic is required");
      }
    }

    private static void requirePositive(Duration value, String name) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(
            "syncplan.notifications.delivery." + name + " must be positive");
      }
    }
  }
}
