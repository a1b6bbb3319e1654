package io.syncplan.executor.ledger;

/** Where a run stands in the executors' ledger. */
public enum LedgerStatus {
  /** Recorded, its QUEUED event not yet published: not claimed until it is. */
  ACCEPTED,
  /** Announced, waiting for a free slot on an executor of its pool. */
  QUEUED,
  /** Held by an executor whose lease is renewed by heartbeats. */
  RUNNING,
  /** Its final run event is published. */
  FINISHED
}
