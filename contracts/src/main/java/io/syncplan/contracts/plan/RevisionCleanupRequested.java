package io.syncplan.contracts.plan;

import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.message.MessageType;
import java.util.Objects;

/** Command to the executors of the plan's pool: remove the plan's expired revisions now. */
public record RevisionCleanupRequested(String requestId, PlanSnapshot plan) implements Message {

  public RevisionCleanupRequested {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(plan, "plan");
  }

  @Override
  public String planId() {
    return plan.id();
  }

  @Override
  public MessageType messageType() {
    return MessageType.REVISION_CLEANUP_REQUESTED;
  }
}
