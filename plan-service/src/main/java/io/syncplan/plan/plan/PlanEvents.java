package io.syncplan.plan.plan;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.plan.DestinationPurgeRequested;
import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.contracts.plan.PlanInitRequested;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.plan.outbox.PendingMessage;
import io.syncplan.support.MessagePublisher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The messages a change to a plan produces, in the order they must reach Kafka. */
@Component
class PlanEvents {

  private final MessagePublisher publisher;

  PlanEvents(MessagePublisher publisher) {
    this.publisher = publisher;
  }

  /** The plan event, then a request to initialise the new plan's destination. */
  List<PendingMessage> created(PlanSnapshot plan) {
    return List.of(changed(PlanChange.CREATED, plan), initRequest(plan));
  }

  /**
   * The plan event, then a request to initialise the destination again when the plan now reads or
   * writes somewhere else, or another pool runs it.
   */
  List<PendingMessage> changed(PlanSnapshot before, PlanSnapshot after, PlanChange change) {
    List<PendingMessage> messages = new ArrayList<>();
    messages.add(changed(change, after));
    if (needsInit(before, after)) {
      messages.add(initRequest(after));
    }
    return messages;
  }

  /** The last plan event, then a tombstone so compaction forgets the plan. */
  List<PendingMessage> deleted(PlanSnapshot last) {
    return List.of(
        changed(PlanChange.DELETED, last), PendingMessage.tombstone(Topics.PLAN_EVENTS, last.id()));
  }

  /**
   * The last plan event and its tombstone, then, because the deletion explicitly asked for it, a
   * command to the plan's pool to remove the data at its destination.
   */
  List<PendingMessage> deletedWithDestinationData(PlanSnapshot last, Instant requestedAt) {
    List<PendingMessage> messages = new ArrayList<>(deleted(last));
    messages.add(
        PendingMessage.of(
            Topics.commands(last.pool()),
            publisher.envelope(
                new DestinationPurgeRequested(UUID.randomUUID().toString(), last, requestedAt))));
    return messages;
  }

  static boolean needsInit(PlanSnapshot before, PlanSnapshot after) {
    return !Objects.equals(before.source(), after.source())
        || !Objects.equals(before.destination(), after.destination())
        || before.mode() != after.mode()
        || !Objects.equals(before.encryption(), after.encryption())
        || !before.pool().equals(after.pool());
  }

  private PendingMessage changed(PlanChange change, PlanSnapshot plan) {
    return PendingMessage.of(Topics.PLAN_EVENTS, publisher.envelope(new PlanChanged(change, plan)));
  }

  private PendingMessage initRequest(PlanSnapshot plan) {
    return PendingMessage.of(
        Topics.commands(plan.pool()), publisher.envelope(new PlanInitRequested(plan)));
  }
}
