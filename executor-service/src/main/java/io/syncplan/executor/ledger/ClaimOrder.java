package io.syncplan.executor.ledger;

import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunTrigger;

/**
 * The order in which waiting runs start when executors are busy: by priority (HIGH, NORMAL, LOW),
 * and within one priority a run somebody asked for (MANUAL, RESYNC) before a scheduled one; then
 * the oldest first.
 */
final class ClaimOrder {

  private ClaimOrder() {}

  static int rank(RunRequested command) {
    return command.priority().ordinal() * 2 + (command.trigger() != RunTrigger.SCHEDULE ? 1 : 0);
  }
}
