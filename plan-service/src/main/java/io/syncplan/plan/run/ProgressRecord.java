package io.syncplan.plan.run;

import io.syncplan.contracts.run.RunProgress;
import java.time.Instant;

/** The last progress a running run reported. */
record ProgressRecord(
    long bytesDone,
    long bytesTotal,
    long filesDone,
    long filesTotal,
    double speedBytesPerSecond,
    Long etaSeconds,
    Instant at) {

  static ProgressRecord of(RunProgress progress, Instant at) {
    return new ProgressRecord(
        progress.bytesDone(),
        progress.bytesTotal(),
        progress.filesDone(),
        progress.filesTotal(),
        progress.speedBytesPerSecond(),
        progress.etaSeconds(),
        at);
  }
}
