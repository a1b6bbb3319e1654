package io.syncplan.contracts.run;

import io.syncplan.contracts.message.Message;

/**
 * How far a running run is; published at most once a second per run.
 *
 * @param speedBytesPerSecond current transfer speed
 * @param etaSeconds estimated seconds left, or null when unknown
 */
public record RunProgress(
    String runId,
    String planId,
    long bytesDone,
    long bytesTotal,
    long filesDone,
    long filesTotal,
    double speedBytesPerSecond,
    Long etaSeconds)
    implements Message {}
