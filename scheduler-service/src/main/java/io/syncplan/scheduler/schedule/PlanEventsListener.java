package io.syncplan.scheduler.schedule;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.PlanChanged;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Builds the schedules from the compacted plan events. A new scheduler reads the topic from its
 * beginning and so knows every plan; a tombstone removes the plan's schedule.
 */
@Component
class PlanEventsListener {

  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

  private final ScheduleStore schedules;

  PlanEventsListener(ScheduleStore schedules) {
    this.schedules = schedules;
  }

  @KafkaListener(topics = Topics.PLAN_EVENTS, groupId = "${spring.application.name}.plan-events")
  void onPlanEvent(ConsumerRecord<String, Envelope<Message>> record) {
    if (record.value() == null) {
      schedules.remove(record.key()).block(WRITE_TIMEOUT);
    } else if (record.value().payload() instanceof PlanChanged changed) {
      schedules.apply(changed).block(WRITE_TIMEOUT);
    }
  }
}
