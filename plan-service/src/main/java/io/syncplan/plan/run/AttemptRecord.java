package io.syncplan.plan.run;

import java.time.Instant;

/** One attempt of a run: where it ran, when, and why it failed if it did. */
record AttemptRecord(
    int attempt, String executorId, Instant startedAt, Instant endedAt, String failure) {}
