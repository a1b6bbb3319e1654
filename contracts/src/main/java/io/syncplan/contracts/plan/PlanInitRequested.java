package io.syncplan.contracts.plan;

import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.message.MessageType;
import java.util.Objects;

/**
 * Command to the executors of the plan's pool: check that the destination is reachable, create it
 * (and, for revisions, the history folder) and report with {@link PlanInitialized}.
 */
public record PlanInitRequested(PlanSnapshot plan) implements Message {

  public PlanInitRequested {
    Objects.requireNonNull(plan, "plan");
  }

  @Override
  public String planId() {
    return plan.id();
  }

  @Override
  public MessageType messageType() {
    return MessageType.PLAN_INIT_REQUESTED;
  }
}
