package io.syncplan.plan.run;

import io.syncplan.contracts.run.RunStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A run's log as text: its timeline from the run history (queued, each attempt, retries, the end)
 * followed by the last lines of rclone's own log, which the executor sends with a failure (secrets
 * already removed).
 */
record RunLog(String runId, List<String> lines) {

  static RunLog of(RunDocument run) {
    List<String> lines = new ArrayList<>();
    line(
        lines,
        run.requestedAt(),
        "queued: %s run, priority %s%s"
            .formatted(run.trigger(), run.priority(), run.dryRun() ? ", dry run" : ""));
    run.attemptLog().values().stream()
        .sorted(Comparator.comparingInt(AttemptRecord::attempt))
        .forEach(
            attempt -> {
              line(
                  lines,
                  attempt.startedAt(),
                  "attempt %d started on %s".formatted(attempt.attempt(), attempt.executorId()));
              if (attempt.failure() != null) {
                line(
                    lines,
                    attempt.endedAt(),
                    "attempt %d failed: %s".formatted(attempt.attempt(), attempt.failure()));
              }
            });
    if (run.resends() > 0 && !run.status().isFinal()) {
      line(
          lines,
          run.resentAt(),
          "nothing heard of the run for a while: its command was sent to its pool again ("
              + run.resends()
              + " unanswered)");
    }
    if (run.nextAttemptAt() != null && !run.status().isFinal()) {
      line(lines, run.updatedAt(), "next attempt at " + run.nextAttemptAt());
    }
    if (run.status().isFinal()) {
      RunStats stats = run.stats() == null ? RunStats.EMPTY : run.stats();
      line(
          lines,
          run.finishedAt(),
          "%s after %d attempt(s): %d added, %d modified, %d deleted, %d moved to revisions, %d bytes, %d errors"
              .formatted(
                  run.status(),
                  run.attempts(),
                  stats.filesAdded(),
                  stats.filesModified(),
                  stats.filesDeleted(),
                  stats.filesMovedToRevisions(),
                  stats.bytesTransferred(),
                  stats.errors()));
    } else {
      line(lines, run.updatedAt(), "now " + run.status());
    }
    if (run.error() != null) {
      lines.add(
          "error: %s: %s%s"
              .formatted(
                  run.error().reason(),
                  run.error().message(),
                  run.error().exitCode() == null
                      ? ""
                      : " (rclone exit code " + run.error().exitCode() + ")"));
      if (!run.error().logTail().isEmpty()) {
        lines.add("--- last lines of rclone's log ---");
        lines.addAll(run.error().logTail());
      }
    }
    return new RunLog(run.runId(), lines);
  }

  String text() {
    return String.join("\n", lines) + "\n";
  }

  private static void line(List<String> lines, Instant at, String text) {
    lines.add((at == null ? "-" : at.toString()) + " " + text);
  }
}
