package io.syncplan.executor.ledger;

import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunRequested;
import java.time.Instant;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A run in the ledger the executors share. Its id is the run id, so a command delivered twice is
 * recorded once and never runs twice.
 *
 * @param priority the order in which waiting runs start, higher first (see {@link ClaimOrder})
 * @param owner the executor running it, while RUNNING
 * @param leaseUntil when the owner's claim lapses unless renewed
 * @param attempt attempts started so far, across executors
 * @param startedAt when its first attempt started, on whichever executor
 * @param traceHeaders the trace context (W3C {@code traceparent}, B3, baggage) of the command that
 *     asked for the run, continued by whichever executor runs it; null when it had none
 * @param outcome the final event published for the run, once FINISHED, so that it can be told again
 *     to whoever asks after the run; null before, and for runs finished before it was kept
 */
@Document("run_ledger")
@CompoundIndex(
    name = "claim_order",
    def = "{'pool': 1, 'status': 1, 'priority': -1, 'queuedAt': 1}")
public record LedgerEntry(
    @Id String runId,
    String planId,
    String pool,
    int priority,
    LedgerStatus status,
    RunRequested command,
    String owner,
    Instant leaseUntil,
    int attempt,
    Instant queuedAt,
    boolean cancelRequested,
    Instant startedAt,
    Map<String, String> traceHeaders,
    RunFinished outcome) {

  /** This entry with its first attempt's start, as {@link HeldRuns#recordStart} stores it. */
  public LedgerEntry withStartedAt(Instant startedAt) {
    return new LedgerEntry(
        runId,
        planId,
        pool,
        priority,
        status,
        command,
        owner,
        leaseUntil,
        attempt,
        queuedAt,
        cancelRequested,
        startedAt,
        traceHeaders,
        outcome);
  }
}
