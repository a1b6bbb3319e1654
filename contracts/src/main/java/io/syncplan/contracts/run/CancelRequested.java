package io.syncplan.contracts.run;

import io.syncplan.contracts.message.Message;

/** Command to the executors of the plan's pool: stop this run and end it CANCELLED. */
public record CancelRequested(String runId, String planId) implements Message {}
