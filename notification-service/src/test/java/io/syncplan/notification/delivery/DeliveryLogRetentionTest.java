package io.syncplan.notification.delivery;

import static io.syncplan.notification.Fixtures.envelope;
import static io.syncplan.notification.Fixtures.failed;
import static io.syncplan.notification.Fixtures.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.notification.NotificationServiceApplication;
import io.syncplan.notification.NotificationServiceTest;
import io.syncplan.notification.channel.AttemptResult;
import io.syncplan.notification.content.Notification;
import io.syncplan.notification.content.NotificationFactory;
import io.syncplan.notification.rule.PlanRules;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The delivery log keeps settled deliveries for the retention period, and pending ones always. */
@NotificationServiceTest
class DeliveryLogRetentionTest {

  private static final Duration AN_HOUR = Duration.ofHours(1);

  @Autowired DeliveryLog deliveries;
  @Autowired DeliveryLogPruner pruner;
  @Autowired NotificationFactory notifications;

  @Test
  void settledDeliveriesOlderThanTheRetentionAreRemovedAndPendingOnesAreKept() {
    Instant now = Instant.now();
    Instant longAgo = now.minus(Duration.ofDays(31));
    String runId = newId();
    Delivery oldDelivered = settle(claim(runId, "old-delivered", longAgo), true, longAgo);
    Delivery oldFailed = settle(claim(runId, "old-failed", longAgo), false, longAgo);
    Delivery oldRetrying = retry(claim(runId, "old-retrying", longAgo), longAgo);
    Delivery oldInFlight = claim(runId, "old-in-flight", longAgo);
    Delivery recentDelivered =
        settle(claim(runId, "recent", now.minusSeconds(60)), true, now.minus(Duration.ofDays(29)));

    Long removed = pruner.prune().block();

    assertThat(removed).isGreaterThanOrEqualTo(2);
    assertThat(deliveries.ofRun(runId).map(Delivery::id).collectList().block())
        .containsExactlyInAnyOrder(oldRetrying.id(), oldInFlight.id(), recentDelivered.id())
        .doesNotContain(oldDelivered.id(), oldFailed.id());
  }

  @Test
  void aRetentionNoLongerThanTheMaxEventAgeIsRefusedAtStart() {
    assertThatThrownBy(
            () ->
                NotificationServiceApplication.application()
                    .run(
                        "--spring.main.web-application-type=none",
                        "--spring.kafka.listener.auto-startup=false",
                        "--syncplan.notifications.max-event-age=24h",
                        "--syncplan.notifications.delivery.retention=12h")
                    .close())
        .hasStackTraceContaining(
            "syncplan.notifications.delivery.retention must be longer than max-event-age");
  }

  /** A delivery of a run event to a channel, claimed at {@code at}, its first attempt in flight. */
  private Delivery claim(String runId, String channel, Instant at) {
    String planId = newId();
    PlanRules plan =
        new PlanRules(planId, 1, "nightly", SyncMode.MIRROR, "/data", "backup:/data", null, false);
    Envelope<RunFinished> finished = envelope(failed(planId, runId));
    Notification notification = notifications.finished(finished, finished.payload(), plan);
    return deliveries
        // Held for another hour from now: the sweeper leaves it alone while the test moves it on.
        .claim(
            notification, "webhook:" + channel, "another-instance", at, Instant.now().plus(AN_HOUR))
        .block();
  }

  private Delivery settle(Delivery sending, boolean delivered, Instant at) {
    return delivered
        ? deliveries.delivered(sending, AttemptResult.delivered(204), at).block()
        : deliveries.failed(sending, 400, "HTTP 400", at).block();
  }

  private Delivery retry(Delivery sending, Instant at) {
    return deliveries
        .retryAt(
            sending,
            AttemptResult.retryable(503, "HTTP 503", null),
            at,
            Instant.now().plus(Duration.ofDays(1)),
            Instant.now().plus(Duration.ofDays(2)))
        .block();
  }
}
