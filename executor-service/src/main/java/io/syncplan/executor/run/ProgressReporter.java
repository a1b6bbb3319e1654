package io.syncplan.executor.run;

import io.syncplan.contracts.run.RunProgress;
import io.syncplan.executor.rclone.RcloneProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Turns rclone's stats lines into a run's progress events, at most one a second. */
final class ProgressReporter {

  private static final Duration INTERVAL = Duration.ofSeconds(1);

  private final String runId;
  private final String planId;
  private final RunEvents events;
  private final Clock clock;
  private final RunContext context;
  private Instant last;

  ProgressReporter(String runId, String planId, RunEvents events, Clock clock, RunContext context) {
    this.runId = runId;
    this.planId = planId;
    this.events = events;
    this.clock = clock;
    this.context = context;
  }

  synchronized void report(RcloneProgress progress) {
    Instant now = clock.instant();
    if (last != null && Duration.between(last, now).compareTo(INTERVAL) < 0) {
      return;
    }
    last = now;
    events.publishProgress(
        new RunProgress(
            runId,
            planId,
            progress.bytesDone(),
            progress.bytesTotal(),
            progress.filesDone(),
            progress.filesTotal(),
            progress.speedBytesPerSecond(),
            progress.etaSeconds()),
        context);
  }
}
