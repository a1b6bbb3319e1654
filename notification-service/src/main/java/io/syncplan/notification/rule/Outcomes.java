package io.syncplan.notification.rule;

import io.syncplan.contracts.plan.Outcome;
import java.util.Set;

/**
 * Which occasions a channel asked for. A webhook that names no outcome gets every finished run, an
 * email address failures only; both get a plan that needs a resync or paused itself after failures,
 * which stops its runs until somebody acts, and a verification that found the destination differing
 * (VERIFY_FAILED). {@link Outcome#CHANGES_ONLY} narrows succeeded and partial runs to those that
 * added, changed or deleted a file; on its own it asks for exactly those. It never hides a failure,
 * a cancellation, a start or a retry.
 */
final class Outcomes {

  private Outcomes() {}

  static boolean webhookWants(Set<Outcome> on, Occasion occasion, boolean changedFiles) {
    return on.isEmpty()
        ? occasion.isFinished() || stopsRuns(occasion)
        : matches(on, occasion, changedFiles);
  }

  /**
   * A ping channel (format HEALTHCHECKS) that names no outcome also gets starts: its server pairs
   * them with the end and alerts when a run starts and never ends.
   */
  static boolean pingWants(Set<Outcome> on, Occasion occasion, boolean changedFiles) {
    return on.isEmpty()
        ? occasion == Occasion.STARTED || webhookWants(on, occasion, changedFiles)
        : matches(on, occasion, changedFiles);
  }

  static boolean emailWants(Set<Outcome> on, Occasion occasion, boolean changedFiles) {
    return on.isEmpty()
        ? occasion == Occasion.FAILED || stopsRuns(occasion) || occasion == Occasion.VERIFY_FAILED
        : matches(on, occasion, changedFiles);
  }

  private static boolean matches(Set<Outcome> on, Occasion occasion, boolean changedFiles) {
    return switch (occasion) {
      case STARTED -> on.contains(Outcome.START);
      case RETRYING -> on.contains(Outcome.RETRYING);
      case FAILED -> on.contains(Outcome.FAILURE);
      case CANCELLED -> on.contains(Outcome.CANCELLED);
      case SUCCEEDED -> wantsCompleted(on, Outcome.SUCCESS, changedFiles);
      case PARTIAL -> wantsCompleted(on, Outcome.PARTIAL, changedFiles);
      case NEEDS_RESYNC -> on.contains(Outcome.NEEDS_RESYNC);
      case PAUSED -> on.contains(Outcome.PAUSED);
      case VERIFY_FAILED -> on.contains(Outcome.VERIFY_FAILED);
      case TEST -> true;
    };
  }

  /** The plan's runs stop until somebody acts: every channel is told unless it chose otherwise. */
  private static boolean stopsRuns(Occasion occasion) {
    return occasion == Occasion.NEEDS_RESYNC || occasion == Occasion.PAUSED;
  }

  private static boolean wantsCompleted(Set<Outcome> on, Outcome outcome, boolean changedFiles) {
    boolean onlyChanges = on.contains(Outcome.CHANGES_ONLY);
    if (on.contains(outcome)) {
      return !onlyChanges || changedFiles;
    }
    return onlyChanges && changedFiles;
  }
}
