package io.syncplan.executor.ledger;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * At most one run per plan at a time, across all executors: the plan id is the key.
 *
 * @param claim the claim attempt that took the lease, so that a claim that lost its race gives back
 *     only the lease it took itself
 */
@Document("plan_leases")
record PlanLease(@Id String planId, String runId, String owner, Instant until, String claim) {}
