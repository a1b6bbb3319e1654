package io.syncplan.contracts.run;

import io.syncplan.contracts.message.Message;
import java.time.Instant;

/** An attempt of a run started on an executor. */
public record RunStarted(
    String runId, String planId, int attempt, String executorId, Instant startedAt)
    implements Message {}
