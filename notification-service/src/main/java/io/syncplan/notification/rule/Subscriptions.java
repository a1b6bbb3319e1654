package io.syncplan.notification.rule;

import io.syncplan.contracts.plan.EmailTarget;
import io.syncplan.contracts.plan.Outcome;
import io.syncplan.contracts.plan.WebhookFormat;
import io.syncplan.contracts.plan.WebhookTarget;
import io.syncplan.notification.channel.Channel;
import io.syncplan.notification.channel.EmailChannel;
import io.syncplan.notification.channel.WebhookChannel;
import io.syncplan.notification.channel.WebhookChannels;
import io.syncplan.notification.config.NotificationProperties;
import io.syncplan.notification.config.NotificationProperties.DefaultEmail;
import io.syncplan.notification.config.NotificationProperties.DefaultWebhook;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The channels of a plan, its own and the configured defaults, and which of them want to hear of an
 * occasion. A channel named twice (a plan listing the operations address too) is told once.
 */
@Component
public class Subscriptions {

  private final NotificationProperties.Defaults defaults;

  Subscriptions(NotificationProperties properties) {
    this.defaults = properties.defaults();
  }

  /** The channels that asked for this occasion, each once. */
  public List<Channel> wanting(PlanRules plan, Occasion occasion, boolean changedFiles) {
    Map<String, Channel> wanting = new LinkedHashMap<>();
    for (Subscription subscription : all(plan)) {
      if (subscription.wants(occasion, changedFiles)) {
        wanting.putIfAbsent(subscription.channel().id(), subscription.channel());
      }
    }
    return List.copyOf(wanting.values());
  }

  /** Every channel the plan itself names, for a test notification. */
  public List<Channel> ofPlan(PlanRules plan) {
    Map<String, Channel> channels = new LinkedHashMap<>();
    for (Subscription subscription : own(plan)) {
      channels.putIfAbsent(subscription.channel().id(), subscription.channel());
    }
    return List.copyOf(channels.values());
  }

  /** The channel of the plan (or the defaults) with this id, as it is configured now. */
  public Optional<Channel> find(PlanRules plan, String channelId) {
    return all(plan).stream()
        .map(Subscription::channel)
        .filter(channel -> channel.id().equals(channelId))
        .findFirst();
  }

  private List<Subscription> all(PlanRules plan) {
    List<Subscription> all = new ArrayList<>(own(plan));
    for (DefaultEmail email : defaults.emails()) {
      all.add(new Subscription(new EmailChannel(email.address()), email.on(), false));
    }
    for (DefaultWebhook webhook : defaults.webhooks()) {
      all.add(
          new Subscription(
              WebhookChannel.configured(
                  webhook.url(), webhook.format(), webhook.headers(), webhook.secret()),
              webhook.on(),
              true));
    }
    return all;
  }

  private static List<Subscription> own(PlanRules plan) {
    List<Subscription> own = new ArrayList<>();
    if (plan.notifications() == null) {
      return own;
    }
    for (EmailTarget email : plan.notifications().emails()) {
      own.add(new Subscription(new EmailChannel(email.address()), email.on(), false));
    }
    for (WebhookTarget webhook : plan.notifications().webhooks()) {
      own.add(new Subscription(WebhookChannels.of(plan.planId(), webhook), webhook.on(), true));
    }
    return own;
  }

  private record Subscription(Channel channel, Set<Outcome> on, boolean webhook) {

    boolean wants(Occasion occasion, boolean changedFiles) {
      if (channel instanceof WebhookChannel hook && hook.format() == WebhookFormat.HEALTHCHECKS) {
        return Outcomes.pingWants(on, occasion, changedFiles);
      }
      return webhook
          ? Outcomes.webhookWants(on, occasion, changedFiles)
          : Outcomes.emailWants(on, occasion, changedFiles);
    }
  }
}
