package io.syncplan.plan.plan;

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
 * {@code cron} has six fields, seconds first.
 */
@ValidSchedule
public record ScheduleRequest(
    @NotNull @OneOf(ScheduleType.class) String type,
    @Min(1) @Max(525_600) Integer everyMinutes,
    @Min(0) @Max(59) Integer minute,
    String time,
    @Size(max = 7) List<String> days,
    @Min(1) @Max(31) Integer dayOfMonth,
    Boolean lastDayOfMonth,
    @Size(max = 200) String cron,
    @Size(max = 64) String timeZone,
    @OneOf(OverlapPolicy.class) String overlap) {}
