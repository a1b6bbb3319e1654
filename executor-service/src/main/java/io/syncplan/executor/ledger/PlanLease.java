package io.syncplan.executor.ledger;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** At most one run per plan at a time, across all executors: the plan id is the key. */
@Document("plan_leases")
record PlanLease(@Id String planId, String runId, String owner, Instant until) {}
