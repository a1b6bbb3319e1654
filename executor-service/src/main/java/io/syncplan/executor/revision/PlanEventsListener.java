package io.syncplan.executor.revision;

import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.PlanChanged;
import java.time.Duration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Follows the plan events (a compacted topic, read from its beginning by each pool's group) to know
 * which plans of the pool keep revisions.
 */
@Component
class PlanEventsListener {

  private final RevisionPlans plans;

  PlanEventsListener(RevisionPlans plans) {
    this.plans = plans;
  }

  @KafkaListener(
      topics = "#{T(io.syncplan.contracts.Topics).PLAN_EVENTS}",
      groupId = "${spring.application.name}.plans.${syncplan.executor.pool}")
  void onPlanEvent(Envelope<Message> envelope) {
    if (envelope != null && envelope.payload() instanceof PlanChanged changed) {
      plans.apply(changed).block(Duration.ofSeconds(30));
    }
  }
}
