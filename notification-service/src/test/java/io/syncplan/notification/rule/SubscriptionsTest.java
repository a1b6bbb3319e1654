package io.syncplan.notification.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.plan.EmailTarget;
import io.syncplan.contracts.plan.NotificationSpec;
import io.syncplan.contracts.plan.Outcome;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.plan.WebhookFormat;
import io.syncplan.notification.Fixtures;
import io.syncplan.notification.channel.Channel;
import io.syncplan.notification.channel.ChannelIds;
import io.syncplan.notification.channel.EmailChannel;
import io.syncplan.notification.channel.WebhookChannel;
import io.syncplan.notification.config.NotificationProperties;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubscriptionsTest {

  final Subscriptions subscriptions =
      new Subscriptions(
          properties(
              new NotificationProperties.Defaults(
                  List.of(new NotificationProperties.DefaultEmail("Ops@Example.com", null)),
                  List.of(
                      new NotificationProperties.DefaultWebhook(
                          "https://hooks.slack.com/services/T/B/token",
                          Set.of(Outcome.FAILURE),
                          WebhookFormat.SLACK,
                          Map.of(),
                          "configured-secret")))));

  final PlanRules plan =
      new PlanRules(
          "plan-1",
          1,
          "docs",
          SyncMode.MIRROR,
          "/data",
          "offsite:/backup",
          new NotificationSpec(
              List.of(
                  new EmailTarget("ops@example.com", Set.of(Outcome.SUCCESS)),
                  new EmailTarget("dev@example.com", null)),
              List.of(Fixtures.webhook("plan-1", "https://example.com/hook"))),
          false);

  static final String PLAN_HOOK = ChannelIds.webhook("https://example.com/hook");
  static final String SLACK = ChannelIds.webhook("https://hooks.slack.com/services/T/B/token");

  @Test
  void theDefaultsJoinEveryPlanAndAnAddressNamedTwiceIsToldOnce() {
    assertThat(subscriptions.wanting(plan, Occasion.FAILED, false))
        .extracting(Channel::id)
        .containsExactly("email:dev@example.com", PLAN_HOOK, "email:ops@example.com", SLACK);
  }

  @Test
  void anAddressNamedByThePlanAndTheDefaultsGetsWhatEitherAskedFor() {
    assertThat(subscriptions.wanting(plan, Occasion.SUCCEEDED, false))
        .extracting(Channel::id)
        .containsExactly("email:ops@example.com", PLAN_HOOK);
  }

  @Test
  void aTestGoesToThePlansOwnChannelsOnly() {
    assertThat(subscriptions.ofPlan(plan))
        .hasSize(3)
        .noneMatch(
            channel ->
                channel instanceof WebhookChannel hook && hook.format() == WebhookFormat.SLACK);
  }

  @Test
  void aChannelIsFoundAgainByItsId() {
    Channel slack = subscriptions.find(plan, SLACK).orElseThrow();

    assertThat(slack).isInstanceOf(WebhookChannel.class);
    assertThat(((WebhookChannel) slack).format()).isEqualTo(WebhookFormat.SLACK);
    assertThat(slack.toString()).doesNotContain("token");
    assertThat(subscriptions.find(plan, "email:nobody@example.com")).isEmpty();
    assertThat(subscriptions.find(plan, new EmailChannel("DEV@example.com").id())).isPresent();
  }

  static NotificationProperties properties(NotificationProperties.Defaults defaults) {
    return new NotificationProperties(
        null,
        ZoneOffset.UTC,
        Duration.ofHours(24),
        Duration.ofSeconds(30),
        new NotificationProperties.Email("syncplan@localhost", 20),
        defaults,
        new NotificationProperties.Delivery(
            8,
            Duration.ofSeconds(1),
            2.0,
            Duration.ofMinutes(5),
            Duration.ofHours(1),
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            Duration.ofSeconds(5),
            "syncplan.notification-deliveries.dlt",
            Duration.ofDays(30),
            Duration.ofHours(1)));
  }
}
