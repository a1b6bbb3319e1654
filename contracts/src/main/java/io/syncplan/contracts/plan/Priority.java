package io.syncplan.contracts.plan;

/** Which waiting runs an executor starts first when all its slots are busy. */
public enum Priority {
  LOW,
  NORMAL,
  HIGH
}
