package io.syncplan.plan.run;

import io.syncplan.plan.web.NotFoundException;

/** No run has this id. */
class RunNotFoundException extends NotFoundException {

  public RunNotFoundException(String runId) {
    super("run", runId);
  }
}
