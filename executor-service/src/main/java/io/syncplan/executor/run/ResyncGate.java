package io.syncplan.executor.run;

import io.syncplan.contracts.run.ResyncNeeded;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.bisync.BisyncStateStore;
import io.syncplan.executor.bisync.BisyncStateStore.NeedsResync;
import io.syncplan.executor.ledger.LedgerEntry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts a BISYNC plan into NEEDS_RESYNC and refuses its runs while it is there. The mark is kept in
 * the state store (one per plan: the first cause found stays), and the run that set it announces it
 * with {@link ResyncNeeded} before its own outcome; a later attempt of that same run (after an
 * executor died) announces it again, any other run only refuses.
 */
@Component
class ResyncGate {

  private static final Logger log = LoggerFactory.getLogger(ResyncGate.class);

  private final BisyncStateStore state;
  private final RunEvents events;
  private final Clock clock;

  ResyncGate(BisyncStateStore state, RunEvents events, Clock clock) {
    this.state = state;
    this.events = events;
    this.clock = clock;
  }

  /** Marks the plan NEEDS_RESYNC (unless it is already) and refuses the run. */
  AttemptResult mark(LedgerEntry entry, String cause, String message) {
    NeedsResync mark =
        state.markNeedsResync(
            entry.planId(), new NeedsResync(cause, message, clock.instant(), entry.runId()));
    if (mark == null) {
      // The plan never saved a state: its next run is a resync anyway.
      return AttemptResult.refused(Outcomes.BISYNC_NEEDS_RESYNC, message);
    }
    return refuse(entry, mark);
  }

  /**
   * A run that bisync stopped for want of a resync: the plan is marked, and the run keeps rclone's
   * exit code and log with the refusal's words; any other result is returned as it is.
   */
  AttemptResult afterBisync(LedgerEntry entry, AttemptResult result) {
    RunError found = result.error();
    if (found == null || !Outcomes.BISYNC_NEEDS_RESYNC.equals(found.reason())) {
      return result;
    }
    RunError refusal = mark(entry, causeOf(found.message()), found.message()).error();
    return new AttemptResult(
        RunStatus.FAILED,
        result.stats(),
        result.changes(),
        new RunError(refusal.reason(), refusal.message(), found.exitCode(), found.logTail()),
        false,
        result.rcloneTime());
  }

  /** Refuses a run of a plan that needs a resync, naming why and what to do. */
  AttemptResult refuse(LedgerEntry entry, NeedsResync mark) {
    if (entry.runId().equals(mark.runId())) {
      log.warn(
          "Plan {} needs a resync ({}): {}; its runs are refused until an operator resyncs it",
          entry.planId(),
          mark.cause(),
          mark.message());
      events.publish(
          new ResyncNeeded(
              entry.planId(), entry.runId(), mark.cause(), mark.message(), mark.since()));
    }
    return AttemptResult.refused(
        Outcomes.BISYNC_NEEDS_RESYNC,
        "the plan needs a resync since "
            + mark.since()
            + " ("
            + mark.cause()
            + ": "
            + mark.message()
            + "), so its runs are refused. Check that both sides hold what they should, preview"
            + " the resync (POST /api/v1/plans/"
            + entry.planId()
            + "/resync?preview=true), then run it (POST /api/v1/plans/"
            + entry.planId()
            + "/resync)");
  }

  /** What bisync's critical error says of the state it found. */
  private static String causeOf(String message) {
    if (message == null) {
      return ResyncNeeded.CRITICAL_ABORT;
    }
    if (message.contains("cannot find prior Path1 or Path2 listings")) {
      return ResyncNeeded.STATE_MISSING;
    }
    if (message.contains("prior Path1 listing") || message.contains("prior Path2 listing")) {
      return ResyncNeeded.STATE_CORRUPT;
    }
    return ResyncNeeded.CRITICAL_ABORT;
  }
}
