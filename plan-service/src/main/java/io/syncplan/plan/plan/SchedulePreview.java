package io.syncplan.plan.plan;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A schedule's next fire times.
 *
 * @param timeZone the zone the schedule runs in, and the fire times are shown in
 * @param fireTimes the next fire times, earliest first
 */
record SchedulePreview(String timeZone, List<OffsetDateTime> fireTimes) {}
