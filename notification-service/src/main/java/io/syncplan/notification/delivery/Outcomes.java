package io.syncplan.notification.delivery;

import io.syncplan.contracts.plan.Outcome;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStatus;
import java.util.Set;

/** Which run outcomes a channel asked for, and the defaults when it named none. */
final class Outcomes {

  private Outcomes() {}

  /** A webhook that names no outcome gets every finished run. */
  static boolean webhookWants(Set<Outcome> wanted, RunFinished finished) {
    return wanted.isEmpty() || matches(wanted, finished);
  }

  /** An email address that names no outcome gets failures only. */
  static boolean emailWants(Set<Outcome> wanted, RunFinished finished) {
    return wanted.isEmpty() ? finished.status() == RunStatus.FAILED : matches(wanted, finished);
  }

  private static boolean matches(Set<Outcome> wanted, RunFinished finished) {
    if (wanted.contains(Outcome.CHANGES_ONLY) && !finished.stats().changedAnything()) {
      return false;
    }
    return switch (finished.status()) {
      case SUCCEEDED -> wanted.contains(Outcome.SUCCESS) || onlyChanges(wanted);
      case PARTIAL -> wanted.contains(Outcome.PARTIAL);
      case FAILED -> wanted.contains(Outcome.FAILURE);
      case CANCELLED -> wanted.contains(Outcome.CANCELLED);
      default -> false;
    };
  }

  /** "Only when files changed" alone means: successful runs that changed something. */
  private static boolean onlyChanges(Set<Outcome> wanted) {
    return wanted.size() == 1 && wanted.contains(Outcome.CHANGES_ONLY);
  }
}
