package io.syncplan.plan.plan;

import static io.syncplan.contracts.schedule.ScheduleRules.MAX_DAY_OF_MONTH;
import static io.syncplan.contracts.schedule.ScheduleRules.MAX_EVERY_MINUTES;
import static io.syncplan.contracts.schedule.ScheduleRules.MAX_MINUTE;
import static io.syncplan.contracts.schedule.ScheduleRules.MIN_DAY_OF_MONTH;
import static io.syncplan.contracts.schedule.ScheduleRules.MIN_EVERY_MINUTES;
import static io.syncplan.contracts.schedule.ScheduleRules.MIN_MINUTE;

import io.swagger.v3.oas.annotations.media.Schema;
import io.syncplan.contracts.plan.OverlapPolicy;
import io.syncplan.contracts.plan.ScheduleType;
import io.syncplan.plan.web.OneOf;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * When a plan runs by itself. {@code time} is {@code HH:mm}; {@code days} are MONDAY to SUNDAY;
 * {@code cron} has six fields, seconds first. What each type needs, and the ranges, are the rules
 * of {@link io.syncplan.contracts.schedule.ScheduleRules}, checked by {@link ValidSchedule}.
 */
@ValidSchedule
record ScheduleRequest(
    @NotNull @OneOf(ScheduleType.class) String type,
    @Schema(minimum = "" + MIN_EVERY_MINUTES, maximum = "" + MAX_EVERY_MINUTES)
        Integer everyMinutes,
    @Schema(minimum = "" + MIN_MINUTE, maximum = "" + MAX_MINUTE) Integer minute,
    String time,
    @Size(max = 7) List<String> days,
    @Schema(minimum = "" + MIN_DAY_OF_MONTH, maximum = "" + MAX_DAY_OF_MONTH) Integer dayOfMonth,
    Boolean lastDayOfMonth,
    @Size(max = 200) String cron,
    @Size(max = 64) String timeZone,
    @OneOf(OverlapPolicy.class) String overlap,
    @Schema(
            description =
                "pause the plan after this many failed (or partial) runs in a row; never when"
                    + " absent",
            minimum = "1",
            example = "3")
        @Min(1)
        @Max(PlanLimits.MAX_PAUSE_AFTER_FAILURES)
        Integer pauseAfterFailures) {}
