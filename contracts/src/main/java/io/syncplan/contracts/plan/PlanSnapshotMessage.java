package io.syncplan.contracts.plan;

import io.syncplan.contracts.message.Message;

/** A message that carries a whole plan: it is about that plan, and keyed by its id. */
public interface PlanSnapshotMessage extends Message {

  /** The plan as it was when the message was made; its secrets are sealed. */
  PlanSnapshot plan();

  @Override
  default String planId() {
    return plan().id();
  }
}
