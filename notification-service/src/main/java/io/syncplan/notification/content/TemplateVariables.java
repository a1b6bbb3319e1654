package io.syncplan.notification.content;

import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.notification.rule.Occasion;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the templates can show, ready to print: plain values, so that a template never formats a
 * number or a date itself. Documented in docs/notifications.md for anyone who edits a template.
 */
final class TemplateVariables {

  private TemplateVariables() {}

  static Map<String, Object> of(Notification notification, ZoneId zone, int logLines) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("test", notification.occasion() == Occasion.TEST);
    variables.put("occasion", notification.occasion().name());
    variables.put("outcome", outcome(notification));
    variables.put("emoji", emoji(notification));
    variables.put("planId", notification.planId());
    variables.put("planName", notification.planName());
    variables.put("mode", notification.mode() == null ? null : notification.mode().name());
    variables.put("source", notification.source());
    variables.put("destination", notification.destination());
    variables.put("runId", notification.runId());
    variables.put("runUrl", notification.runUrl());
    variables.put("dryRun", notification.dryRun());
    variables.put("attempt", notification.attempt());
    variables.put("maxAttempts", notification.maxAttempts());
    variables.put("startedAt", Formats.time(notification.startedAt(), zone));
    variables.put("finishedAt", Formats.time(notification.finishedAt(), zone));
    variables.put("nextAttemptAt", Formats.time(notification.nextAttemptAt(), zone));
    variables.put("duration", Formats.duration(notification.duration()));
    variables.put("occurredAt", Formats.time(notification.occurredAt(), zone));
    RunStats stats = notification.stats();
    variables.put("hasStats", stats != null);
    if (stats != null) {
      variables.put("added", stats.filesAdded());
      variables.put("modified", stats.filesModified());
      variables.put("deleted", stats.filesDeleted());
      variables.put("movedToRevisions", stats.filesMovedToRevisions());
      variables.put("checked", stats.filesChecked());
      variables.put("errors", stats.errors());
      variables.put("bytes", Formats.bytes(stats.bytesTransferred()));
      variables.put("summary", summary(stats));
    }
    RunError error = notification.error();
    variables.put("hasError", error != null);
    if (error != null) {
      variables.put("errorReason", error.reason());
      variables.put("errorMessage", error.message());
      variables.put("exitCode", error.exitCode());
      variables.put("logTail", tail(error.logTail(), logLines));
    } else {
      variables.put("logTail", List.of());
    }
    return variables;
  }

  /** For example {@code succeeded}, {@code failed}, {@code is retrying}. */
  static String outcome(Notification notification) {
    return switch (notification.occasion()) {
      case STARTED -> "started";
      case RETRYING -> "is retrying";
      case SUCCEEDED -> "succeeded";
      case PARTIAL -> "ended partially";
      case FAILED -> "failed";
      case CANCELLED -> "was cancelled";
      case NEEDS_RESYNC -> "needs a resync";
      case PAUSED -> "paused itself";
      case VERIFY_FAILED -> "failed verification";
      case TEST -> "test notification";
    };
  }

  private static String emoji(Notification notification) {
    return switch (notification.occasion()) {
      case STARTED -> "▶️";
      case RETRYING -> "🔁";
      case SUCCEEDED -> "✅";
      case PARTIAL -> "⚠️";
      case FAILED -> "❌";
      case CANCELLED -> "⏹️";
      case NEEDS_RESYNC -> "⛔";
      case PAUSED -> "⏸️";
      case VERIFY_FAILED -> "🔍";
      case TEST -> "🔔";
    };
  }

  /** For example {@code 3 added, 1 changed, 2 deleted, 1.2 MiB transferred}. */
  private static String summary(RunStats stats) {
    List<String> parts = new ArrayList<>();
    parts.add(stats.filesAdded() + " added");
    parts.add(stats.filesModified() + " changed");
    parts.add(stats.filesDeleted() + " deleted");
    if (stats.filesMovedToRevisions() > 0) {
      parts.add(stats.filesMovedToRevisions() + " kept as revisions");
    }
    parts.add(Formats.bytes(stats.bytesTransferred()) + " transferred");
    return String.join(", ", parts);
  }

  private static List<String> tail(List<String> lines, int count) {
    if (lines == null || lines.isEmpty() || count == 0) {
      return List.of();
    }
    return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
  }
}
