package io.syncplan.plan.run;

import java.util.List;

/**
 * One page of the paths a run touched.
 *
 * @param omitted paths the executor left out of the lists because there were too many
 */
record RunChangesPage(
    String runId,
    boolean dryRun,
    List<RunChangeItem> items,
    int page,
    int size,
    long totalItems,
    long omitted) {}
