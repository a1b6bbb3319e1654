package io.syncplan.contracts.plan;

import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.message.MessageType;
import java.util.Objects;

/**
 * A plan was created, changed, paused, resumed or deleted. Published on {@code
 * syncplan.plan-events} with the full snapshot after the change (for DELETED, the last one).
 */
public record PlanChanged(PlanChange change, PlanSnapshot plan) implements Message {

  public PlanChanged {
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(plan, "plan");
  }

  @Override
  public String planId() {
    return plan.id();
  }

  @Override
  public MessageType messageType() {
    return MessageType.PLAN_CHANGED;
  }
}
