package io.syncplan.scheduler.run;

import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunProgress;
import io.syncplan.contracts.run.RunQueued;
import io.syncplan.contracts.run.RunRetrying;
import io.syncplan.contracts.run.RunStarted;
import io.syncplan.scheduler.schedule.RunActivity;
import java.time.Instant;
import java.util.List;

/** What one run event says about its plan's active runs. */
record RunChange(String planId, String runId, Kind kind, Instant at) {

  enum Kind {
    /** Queued, started or retrying: the run is active. */
    ACTIVE,
    /** A progress report: an active run is alive. */
    ALIVE,
    /** Succeeded, partial, failed or cancelled. */
    FINISHED
  }

  /** The change a run event makes, or null for events that say nothing about activity. */
  static RunChange of(Message event, Instant now) {
    if (event instanceof RunQueued queued) {
      return new RunChange(queued.planId(), queued.runId(), Kind.ACTIVE, now);
    } else if (event instanceof RunStarted started) {
      return new RunChange(started.planId(), started.runId(), Kind.ACTIVE, now);
    } else if (event instanceof RunRetrying retrying) {
      return new RunChange(retrying.planId(), retrying.runId(), Kind.ACTIVE, now);
    } else if (event instanceof RunProgress progress) {
      return new RunChange(progress.planId(), progress.runId(), Kind.ALIVE, now);
    } else if (event instanceof RunFinished finished) {
      return new RunChange(finished.planId(), finished.runId(), Kind.FINISHED, now);
    }
    return null;
  }

  RunActivity applyTo(RunActivity activity) {
    return switch (kind) {
      case ACTIVE -> activity.started(runId, at);
      case ALIVE -> activity.seen(runId, at);
      case FINISHED -> activity.finished(runId);
    };
  }

  static RunActivity applyAll(RunActivity activity, List<RunChange> changes) {
    RunActivity result = activity;
    for (RunChange change : changes) {
      result = change.applyTo(result);
    }
    return result;
  }
}
