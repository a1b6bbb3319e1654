package io.syncplan.executor.revision;

import io.syncplan.contracts.plan.PlanSnapshot;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A MIRROR_WITH_REVISIONS plan of this executor's pool, as its latest plan event showed it. */
@Document("revision_plans")
record RevisionPlan(@Id String planId, long version, PlanSnapshot plan) {}
