package io.syncplan.scheduler.schedule;

import io.syncplan.contracts.plan.PlanSnapshot;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The schedule of one plan, built from its plan events.
 *
 * @param planVersion the plan version this was built from; older events are ignored
 * @param plan the snapshot that goes into the run commands
 * @param nextFireAt when the plan is due next; null when it never fires (paused, or on demand)
 */
@Document("schedules")
record ScheduleDocument(
    @Id String planId,
    long planVersion,
    PlanSnapshot plan,
    @Indexed Instant nextFireAt,
    Instant lastFiredAt,
    Instant updatedAt) {}
