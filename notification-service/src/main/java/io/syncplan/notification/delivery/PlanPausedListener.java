package io.syncplan.notification.delivery;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.notification.rule.PlanRules;
import java.time.Duration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Tells a plan's channels when it paused itself after failed runs ({@code
 * schedule.pauseAfterFailures}): plan-service publishes that pause as a plan event with its {@code
 * pausedReason}. A pause on request has no reason and is told to nobody. The rules are the ones the
 * event carries, so the channels are the plan's as it paused.
 */
@Component
class PlanPausedListener {

  private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(30);

  private final Notifier notifier;

  PlanPausedListener(Notifier notifier) {
    this.notifier = notifier;
  }

  @KafkaListener(topics = Topics.PLAN_EVENTS, groupId = "${spring.application.name}.plan-paused")
  void onPlanEvent(Envelope<Message> envelope) {
    if (envelope != null
        && envelope.payload() instanceof PlanChanged changed
        && changed.change() == PlanChange.PAUSED
        && changed.plan().pausedReason() != null) {
      notifier
          .onPlanPaused(envelope, changed.plan().pausedReason(), PlanRules.of(changed.plan()))
          .block(CLAIM_TIMEOUT);
    }
  }
}
