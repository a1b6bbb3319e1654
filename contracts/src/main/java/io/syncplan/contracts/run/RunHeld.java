package io.syncplan.contracts.run;

import io.syncplan.contracts.message.Message;
import java.util.Objects;

/**
 * An executor's answer to a run command its pool already had (a redelivery, or plan-service asking
 * again about a run its history shows unfinished): where the run stands in the executors' ledger.
 * Internal, on the executor results topic.
 *
 * @param executorId the executor running it, while RUNNING; null otherwise
 * @param outcome the run's final event as it was published, while FINISHED; null when the ledger
 *     did not keep it
 */
public record RunHeld(
    String runId, String planId, State state, String executorId, RunFinished outcome)
    implements Message {

  /** Where a run stands in the executors' ledger. */
  public enum State {
    /** Waiting for a free executor of its pool, or to be taken over from one that died. */
    QUEUED,
    /** Held by a live executor, which renews its lease. */
    RUNNING,
    /** Its final event was published. */
    FINISHED
  }

  public RunHeld {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(state, "state");
  }
}
