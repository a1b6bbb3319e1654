package io.syncplan.plan.run;

import java.time.Instant;

/** The last progress a running run reported. */
record ProgressRecord(
    long bytesDone,
    long bytesTotal,
    long filesDone,
    long filesTotal,
    double speedBytesPerSecond,
    Long etaSeconds,
    Instant at) {}
