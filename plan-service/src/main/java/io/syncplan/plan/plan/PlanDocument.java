package io.syncplan.plan.plan;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.plan.outbox.PendingMessage;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A plan as stored: its current snapshot, and the messages its changes produced that are not yet on
 * Kafka (the outbox). A deleted plan stays until its last messages are relayed.
 */
@Document("plans")
public record PlanDocument(
    @Id String id,
    PlanSnapshot plan,
    Instant createdAt,
    boolean deleted,
    List<PendingMessage> outbox) {

  public PlanDocument {
    outbox = outbox == null ? List.of() : List.copyOf(outbox);
  }
}
