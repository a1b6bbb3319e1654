package io.syncplan.notification.rule;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.PlanChanged;
import java.time.Duration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Keeps the rules from the compacted plan events. */
@Component
class PlanEventsListener {

  private final PlanRulesStore rules;

  PlanEventsListener(PlanRulesStore rules) {
    this.rules = rules;
  }

  @KafkaListener(topics = Topics.PLAN_EVENTS, groupId = "${spring.application.name}.plan-events")
  void onPlanEvent(Envelope<Message> envelope) {
    if (envelope != null && envelope.payload() instanceof PlanChanged changed) {
      rules.apply(changed).block(Duration.ofSeconds(30));
    }
  }
}
