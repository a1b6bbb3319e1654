package io.syncplan.plan.plan;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.schedule.ScheduleUpdated;
import java.time.Duration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Keeps each plan's next run time from the scheduler's {@code ScheduleUpdated} events. */
@Component
class ScheduleEventsListener {

  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

  private final PlanReports plans;

  ScheduleEventsListener(PlanReports plans) {
    this.plans = plans;
  }

  @KafkaListener(
      topics = Topics.SCHEDULE_EVENTS,
      groupId = "${spring.application.name}.schedule-events")
  void onScheduleEvent(Envelope<Message> envelope) {
    if (envelope != null && envelope.payload() instanceof ScheduleUpdated update) {
      plans.scheduled(update).block(WRITE_TIMEOUT);
    }
  }
}
